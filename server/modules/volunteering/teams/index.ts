import { defineModule } from '../../../platform/module';
import { joinMessageReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Volunteer teams: founding, joining, members and roles. */
export const teamsModule = defineModule({
  name: 'volunteering/teams',
  routes: (deps) => routes(deps),
  reviewKinds: [joinMessageReviewKind],
});

// The facade: what other modules may use.
export { TeamMembership, type TeamMembershipDoc, TeamProfile } from './model';
export { isTeamAdmin, teamPolicy } from './policy';
export { adminMemberIds, isActiveMember, teamsAdministeredBy } from './queries';
export { endMembershipsOf } from './commands/erase';
// Registered at load (the platform checks and repairs them): see ./invariants.ts.
export { teamInvariants } from './invariants';
