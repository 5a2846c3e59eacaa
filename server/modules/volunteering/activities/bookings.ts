import type { Types } from 'mongoose';
import type { TSignupDto } from '@shared/schemas/volunteering/signups';
import type { TFieldError } from '@shared/errors';
import type { AppDeps } from '../../../deps';
import type { ShiftMove } from './commands/shift-plan';
import type { ActivityDoc } from './model';

/**
 * What an activity's own changes need from the people signed up to it. Signups
 * depend on activities (a shift holds their counters), so activities may not
 * import signups: instead it names what it needs here, in its own terms, and
 * the signups part supplies it (signups/bookings.ts), connected once by the
 * module list (server/modules/index.ts). The arrow points one way only.
 */
export interface ActivityBookings {
  /** Users holding an active signup to the activity. */
  activeUsers(activityId: Types.ObjectId): Promise<Types.ObjectId[]>;
  /** A raised capacity: the waitlist fills the new places, each one offered. */
  offerFreedPlaces(deps: AppDeps, shiftId: Types.ObjectId, now: Date, activity: ActivityDoc): Promise<void>;
  /** A cancelled activity: every active signup released (place, schedule slot). Runs in the caller's unit of work. */
  releaseActivitySignups(activityId: Types.ObjectId, reason: string, now: Date): Promise<{ released: number }>;
  /** The message everyone released by a cancellation is sent (an event payload). */
  activityCancelledMessage(activity: ActivityDoc, reason: string, users: Types.ObjectId[]): object;
  /**
   * New shift times: schedules and signups follow, overlaps are released, everyone told (events
   * in the caller's unit of work). `invalid` when a shift has started meanwhile.
   */
  moveShifts(
    deps: AppDeps,
    activity: ActivityDoc,
    moves: ShiftMove[],
  ): Promise<{ outcome: 'moved' } | { outcome: 'invalid'; fields: TFieldError[] }>;
  /** The caller's own signups to the activity, latest first, for its page. */
  mySignups(activity: ActivityDoc, userId: string): Promise<TSignupDto[]>;
  /** Offers past their hold expire now (the activity page shows fresh places). */
  expireOffers(deps: AppDeps, activityId: Types.ObjectId): Promise<unknown>;
}

export interface ActivityNotice {
  users: Types.ObjectId[];
  template: 'signupResult';
  title: string;
  body: string;
  link: string;
  /** One message per (key, user). */
  key: string;
}

let supplied: ActivityBookings | undefined;

/** Called once by the module list with the signups part's implementation. */
export function connectActivityBookings(bookings: ActivityBookings): void {
  supplied = bookings;
}

export function bookings(): ActivityBookings {
  if (!supplied) throw new Error('activity bookings are not connected: build the module list first (allModules())');
  return supplied;
}
