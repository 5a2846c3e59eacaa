import { defineModule } from '../../../platform/module';
import { introReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Volunteer registration, profiles, intros, no-shows and appeals. */
export const volunteersModule = defineModule({
  name: 'volunteering/volunteers',
  routes: (deps) => routes(deps),
  reviewKinds: [introReviewKind],
});

// The facade: what other modules may use.
export { recordNoShowEvent } from './commands/no-show';
export { registerVolunteer } from './commands/register';
export { type AvailabilityDoc, Volunteer, type VolunteerDoc } from './model';
export { presentApplicantSummary } from './presenter';
export { findVolunteerByUser, registeredUsers, volunteerCardsOf, volunteerCount, volunteerMinutes, volunteersOfUsers } from './queries';
export { eraseVolunteerProfile } from './commands/erase';
export { addVolunteerMinutes, repairVolunteerMinutes, setVolunteerMinutes } from './commands/minutes';
