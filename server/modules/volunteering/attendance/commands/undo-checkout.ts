import { Types } from 'mongoose';
import { CHECKOUT_UNDO_MINUTES } from '@shared/schemas/volunteering/attendance';
import { fail } from '../../../../http/errors';
import { HoursEntry } from '../../hours/model';
import { applyTotalsDelta } from '../../hours/totals';
import { Signup } from '../../signups/model';
import { AttendanceEvent, attendanceHoursKey, attendanceRound } from '../model';
import type { AttendanceResult } from './check-in';

export const UNDO_REASON = '志愿者已撤销签退';

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * Takes a check-out back (a mis-tap on 签退): within CHECKOUT_UNDO_MINUTES of it, while its
 * hours still wait for the team, and never for an automatic check-out. Nothing recorded is
 * edited: a `checkout_undone` event opens the next round (its unique key makes a double tap
 * undo once), the round's pending ledger entry moves to rejected with the reason (the one
 * status move the ledger allows), and the signup is back to checked in. Its next check-out
 * records under the next round's key (attendanceHoursKey).
 *
 * Each step is a guarded update; the one that can lose a race after the event is written
 * (the team confirming the entry at that instant) removes the event again and refuses.
 */
export async function undoCheckout(userId: string, signupId: string, now: Date): Promise<AttendanceResult> {
  const signup = await Signup.findOne({
    _id: new Types.ObjectId(signupId),
    user: new Types.ObjectId(userId),
    status: 'confirmed',
  }).lean();
  if (!signup) throw fail('not_found', '报名不存在');
  if (!signup.checkoutAt) throw fail('checkout_undo_closed', '您尚未签退');
  if (signup.autoCheckedOut) throw fail('checkout_undo_closed', '系统自动签退不能撤销，如有异议请向团队申诉');
  if (now.getTime() - signup.checkoutAt.getTime() > CHECKOUT_UNDO_MINUTES * 60_000) throw fail('checkout_undo_closed');
  const round = await attendanceRound(signup._id);
  const key = attendanceHoursKey(signup._id, round);
  if (!(await HoursEntry.exists({ dedupeKey: key, status: 'pending' }))) throw fail('checkout_undo_closed');

  let event;
  try {
    event = await AttendanceEvent.create({
      signup: signup._id,
      activity: signup.activity,
      shift: signup.shift,
      user: signup.user,
      kind: 'checkout_undone',
      round,
      at: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw fail('checkout_undo_closed', '该签退已撤销');
    throw err;
  }
  const entry = await HoursEntry.findOneAndUpdate(
    { dedupeKey: key, status: 'pending' },
    { $set: { status: 'rejected', reason: UNDO_REASON, confirmedAt: now, confirmedBy: signup.user } },
    { returnDocument: 'after' },
  ).lean();
  if (!entry) {
    await AttendanceEvent.deleteOne({ _id: event._id });
    throw fail('checkout_undo_closed');
  }
  await applyTotalsDelta(entry.user, entry.team, { confirmed: 0, pending: -entry.minutes });
  const updated = await Signup.findOneAndUpdate(
    { _id: signup._id, checkoutAt: signup.checkoutAt },
    { $unset: { checkoutAt: 1 } },
    { returnDocument: 'after' },
  ).lean();
  return { outcome: 'checkout_undone', signup: updated ?? signup, distanceM: 0, minutes: null };
}
