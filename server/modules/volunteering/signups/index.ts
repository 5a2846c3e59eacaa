import { defineModule } from '../../../platform/module';
import { pruneSlotsJob } from './commands/prune-slots';
import { resyncShiftsJob } from './commands/shift-times';
import { signupJobs } from './jobs';
import { signupNoteReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Signups: capacity, waitlist, offers, the overlap guard, notes held for review. */
export const signupsModule = defineModule({
  name: 'volunteering/signups',
  routes: (deps) => routes(deps),
  reviewKinds: [signupNoteReviewKind],
  jobs: (deps) => [...signupJobs(deps), pruneSlotsJob(deps), resyncShiftsJob(deps)],
  notificationTemplates: {
    signupResult: 'WECHAT_TEMPLATE_SIGNUP_RESULT',
    waitlistOffer: 'WECHAT_TEMPLATE_WAITLIST_OFFER',
    activityReminder: 'WECHAT_TEMPLATE_ACTIVITY_REMINDER',
  },
});

// The facade: what other modules may use.
export { activityBookings } from './bookings';
export { markCheckedIn, markCheckedOut, unmarkCheckedOut } from './commands/attendance-marks';
export { releaseCounters } from './commands/cancel';
export { eraseSignupsOf } from './commands/erase';
export { expireOffers } from './commands/offers';
export { claimSlot, fillFreePlaces, isDuplicateKey } from './commands/placement';
export { activityCancelledMessage, releaseActivitySignups } from './commands/release-cancelled';
export { Signup, type SignupDoc, VolunteerSchedule } from './model';
export { type VolunteeringMessage, notifyVolunteers, shanghaiTime } from './notify';
export { presentSignup } from './presenter';
export { checkedInNotOut, confirmedSignupOn, confirmedSignupsOf, findOwnConfirmedSignup, holdsConfirmedPlace } from './queries';
// Registered at load (the platform checks and repairs them): see ./invariants.ts.
export { signupInvariants } from './invariants';
