import { Types } from 'mongoose';
import type { TSelfReportBody } from '@shared/schemas/volunteering/hours';
import type { AppDeps } from '../../../../deps';
import type { Refusal } from '../../../../platform/outcome';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { findActivity } from '../../activities';
import { confirmedSignupOn } from '../../signups';
import { roundServiceMinutes } from '../compute';
import { HoursEntry, type HoursEntryDoc } from '../model';
import { recordHoursEntry } from './record-entry';

/**
 * The n-th filing for a shift, n = how many earlier reports were rejected. The unique
 * dedupeKey then admits at most one live report: while report n is pending or confirmed
 * the rejected count stays n, so every other filing computes the same key and loses
 * (two concurrent re-filings after a rejection both compute n + 1: one wins). The first
 * filing keeps the original key `self:<user>:<shift>`.
 */
export function selfReportKey(userId: string, shift: Types.ObjectId, rejected: number): string {
  const base = `self:${userId}:${String(shift)}`;
  return rejected === 0 ? base : `${base}:r${rejected}`;
}

async function rejectedReports(user: Types.ObjectId, shift: Types.ObjectId): Promise<number> {
  return HoursEntry.countDocuments({ user, shift, source: 'self_report', status: 'rejected' });
}

export type SelfReportResult =
  | { outcome: 'reported'; entry: HoursEntryDoc }
  | Refusal<
      'not_found' | 'checkin_required' | 'activity_cancelled' | 'not_signed_up' | 'not_started' | 'already_reported'
    >;

/**
 * A volunteer reports their own time for an activity without on-site check-in
 * (e.g. phone counselling). One live (pending or confirmed) report per shift, after the
 * shift has started, only with a confirmed place; capped at the shift's length and rounded
 * by the same rule as check-in time; waits for the team's approval like any other pending
 * entry. A rejected report may be filed again: see selfReportKey. The entry and its pending
 * totals commit in one unit of work.
 */
export function selfReportHours(input: {
  userId: string;
  activityId: string;
  body: TSelfReportBody;
  now: Date;
  /** The app's dependencies (the transaction's connection). */
  deps?: AppDeps;
}): Promise<SelfReportResult> {
  return inUnitOfWork(input.deps, async (uow): Promise<SelfReportResult> => {
    const activity = await findActivity(input.activityId);
    if (!activity) return { outcome: 'not_found' };
    if (activity.checkinRequired) return { outcome: 'checkin_required' };
    if (activity.status === 'cancelled') return { outcome: 'activity_cancelled' };
    const signup = await confirmedSignupOn({ activity: activity._id, shift: input.body.shiftId, user: input.userId });
    if (!signup) return { outcome: 'not_signed_up' };
    if (input.now < signup.start) return { outcome: 'not_started' };
    const shiftMinutes = Math.floor((signup.end.getTime() - signup.start.getTime()) / 60_000);
    const minutes = roundServiceMinutes(Math.min(input.body.minutes, shiftMinutes));
    const user = new Types.ObjectId(input.userId);
    const recorded = await recordHoursEntry(
      {
        user,
        team: activity.team,
        activity: activity._id,
        shift: signup.shift,
        signup: signup._id,
        activityTitle: activity.title,
        serviceDate: signup.start,
        minutes,
        source: 'self_report',
        status: 'pending',
        dedupeKey: selfReportKey(input.userId, signup.shift, await rejectedReports(user, signup.shift)),
        note: input.body.note,
        createdBy: user,
        at: input.now,
      },
      { inTransaction: true },
    );
    if (recorded.outcome === 'duplicate') return uow.rollback<SelfReportResult>({ outcome: 'already_reported' });
    return { outcome: 'reported', entry: recorded.entry };
  });
}
