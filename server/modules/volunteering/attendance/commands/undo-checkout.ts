import { CHECKOUT_UNDO_MINUTES } from '@shared/schemas/volunteering/attendance';
import type { Refusal } from '../../../../platform/outcome';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { hasPendingEntry, withdrawPendingEntry } from '../../hours';
import { findOwnConfirmedSignup, unmarkCheckedOut } from '../../signups';
import { AttendanceEvent, attendanceHoursKey, attendanceRound } from '../model';
import type { AttendanceResult } from './check-in';

export const UNDO_REASON = '志愿者已撤销签退';

export type UndoCheckoutResult =
  | AttendanceResult
  | Refusal<'not_found' | 'not_checked_out' | 'auto_checked_out' | 'already_undone' | 'undo_closed'>;

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * Takes a check-out back (a mis-tap on 签退): within CHECKOUT_UNDO_MINUTES of it, while its
 * hours still wait for the team, and never for an automatic check-out. Nothing recorded is
 * edited: a `checkout_undone` event opens the next round (its unique key makes a double tap
 * undo once), the round's pending ledger entry moves to rejected with the reason (the one
 * status move the ledger allows), and the signup is back to checked in. Its next check-out
 * records under the next round's key (attendanceHoursKey).
 *
 * Each step is a guarded update, all in one unit of work: the one that can lose a race after
 * the event is written (the team confirming the entry at that instant) rolls the undo back and
 * refuses.
 */
export async function undoCheckout(userId: string, signupId: string, now: Date): Promise<UndoCheckoutResult> {
  const signup = await findOwnConfirmedSignup(userId, signupId);
  if (!signup) return { outcome: 'not_found' };
  if (!signup.checkoutAt) return { outcome: 'not_checked_out' };
  if (signup.autoCheckedOut) return { outcome: 'auto_checked_out' };
  if (now.getTime() - signup.checkoutAt.getTime() > CHECKOUT_UNDO_MINUTES * 60_000) return { outcome: 'undo_closed' };
  const round = await attendanceRound(signup._id);
  const key = attendanceHoursKey(signup._id, round);
  if (!(await hasPendingEntry(key))) return { outcome: 'undo_closed' };

  return inUnitOfWork(undefined, async (uow): Promise<UndoCheckoutResult> => {
    try {
      await AttendanceEvent.create({
        signup: signup._id,
        activity: signup.activity,
        shift: signup.shift,
        user: signup.user,
        kind: 'checkout_undone',
        round,
        at: now,
      });
    } catch (err) {
      // The failed insert has aborted the transaction: roll back with the refusal.
      if (isDuplicateKey(err)) return uow.rollback<UndoCheckoutResult>({ outcome: 'already_undone' });
      throw err;
    }
    const entry = await withdrawPendingEntry(key, { reason: UNDO_REASON, at: now, user: signup.user });
    if (!entry) return uow.rollback<UndoCheckoutResult>({ outcome: 'undo_closed' });
    const updated = await unmarkCheckedOut(signup._id, signup.checkoutAt!);
    return { outcome: 'checkout_undone', signup: updated ?? signup, distanceM: 0, minutes: null };
  });
}
