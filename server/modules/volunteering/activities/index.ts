import { defineModule } from '../../../platform/module';
import { activityReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Activities and their shifts: publishing, editing, cancelling, the nearby list. */
export const activitiesModule = defineModule({
  name: 'volunteering/activities',
  routes: (deps) => routes(deps),
  reviewKinds: [activityReviewKind],
});

// The facade: what other modules may use.
export { connectActivityBookings, type ActivityBookings, type ActivityNotice } from './bookings';
export { planShiftMoves, type ShiftMove } from './commands/shift-plan';
export { receiveCoverVerdict } from './commands/cover-verdict';
export { publishActivity } from './commands/publish';
export { ensureTextAllowed } from './content';
export { activityPolicy } from './policy';
export { Activity, type ActivityDoc, Shift, type ShiftDoc } from './model';
export {
  activityStartsCursor,
  activityTitles,
  cancelledActivitiesNotOver,
  findActivities,
  findActivity,
  findShift,
  findShiftOf,
  invalidateActivityLists,
  shiftCounters,
  shiftsByIds,
  shiftsMovedSince,
} from './queries';
export {
  clearActivityShiftCounters,
  correctShiftCounters,
  decrementWaiting,
  moveShiftTimes,
  placeOrQueueArrivals,
  releaseShiftPlace,
  reserveShiftPlace,
  setShiftCounters,
  type ShiftCounters,
} from './commands/shift-counters';
// community (issue 14): the home page's nearby activities
export { listActivities } from './queries';
