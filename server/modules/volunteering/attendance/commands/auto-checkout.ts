import type { Types } from 'mongoose';
import { AUTO_CHECKOUT_GRACE_MINUTES } from '@shared/schemas/volunteering/attendance';
import { activityTitles } from '../../activities';
import { checkedInNotOut, markCheckedOut } from '../../signups';
import { AttendanceEvent, attendanceRound } from '../model';
import { recordAttendanceHours } from './check-in';
import type { AppDeps } from '../../../../deps';
import { inUnitOfWork } from '../../../../platform/unit-of-work';

export interface AutoCheckoutReport {
  checkedOut: number;
}

/**
 * Checks out, at the shift's end, everyone who checked in but not out once the grace
 * period has passed, and flags them (`autoCheckedOut`) so the team admin sees it when
 * confirming. Safe to run from several processes or twice: each signup moves with a
 * guarded update and its ledger entry has a unique key. Besides the scheduled sweep, reads
 * that show hours sweep their own slice (one volunteer, one team, one activity) first, so the
 * result is right even when the scheduler is off.
 */
export async function autoCheckout(
  deps: AppDeps,
  now: Date,
  opts: { activity?: Types.ObjectId; user?: Types.ObjectId; team?: Types.ObjectId; batch?: number } = {},
): Promise<AutoCheckoutReport> {
  const batch = opts.batch ?? 500;
  const cutoff = new Date(now.getTime() - AUTO_CHECKOUT_GRACE_MINUTES * 60_000);
  let checkedOut = 0;
  const titles = new Map<string, string>();
  for (;;) {
    const due = await checkedInNotOut(cutoff, batch, { activity: opts.activity, user: opts.user, team: opts.team });
    if (due.length === 0) break;
    for (const s of due) {
      const key = String(s.activity);
      if (!titles.has(key)) titles.set(key, (await activityTitles([s.activity])).get(key) ?? '');
      // The check-out, its attendance event, the ledger entry with its totals and the event
      // commit together (as a volunteer's own check-out does): never a check-out without hours.
      const done = await inUnitOfWork(deps, async (uow) => {
        const updated = await markCheckedOut(s._id, s.end, { auto: true });
        if (!updated) return false;
        await AttendanceEvent.create([
          { signup: s._id, activity: s.activity, shift: s.shift, user: s.user, kind: 'auto_checkout', round: await attendanceRound(s._id), at: s.end },
        ]);
        const minutes = await recordAttendanceHours(updated, titles.get(key) ?? '', now);
        uow.emit({
          type: 'signup.auto_checked_out',
          aggregate: `signup:${String(s._id)}`,
          payload: { signupId: String(s._id), userId: String(s.user), teamId: String(s.team), minutes },
        });
        return true;
      });
      if (done) checkedOut += 1;
    }
    if (due.length < batch) break;
  }
  return { checkedOut };
}
