/**
 * Account deletion takes a volunteer off every leaderboard. The ledger and the hours totals are
 * kept (records teams rely on; volunteering/privacy.ts), so the boards are what changes: the
 * period boards' rows of the volunteer go, and their all-time totals are flagged `offBoard`, which
 * the all-time board skips. Late deliveries (an adjustment confirmed after the deletion) and the
 * rollups' rebuild leave erased volunteers off the period boards too (`isErased`, `erasedUsers`),
 * and the `leaderboard-erasure` invariant finds any row that came back.
 */
import { Types } from 'mongoose';
import type { Invariant, Violation } from '../../../platform/invariants';
import { takeTotalsOffBoards, totalsOnBoardsOf } from '../hours';
import { deletedUserIds, isDeletedUser } from '../../users';
import { RollupBoard } from './rollups/model';

/** Deleted accounts (the user tombstones; a sparse deletedAt index keeps this a short read). */
export async function erasedUsers(): Promise<Types.ObjectId[]> {
  return deletedUserIds();
}

export async function isErased(user: Types.ObjectId): Promise<boolean> {
  return isDeletedUser(user);
}

/** Idempotent: part of the deletion's unit of work, and the invariant's fix. */
export async function eraseFromLeaderboards(user: Types.ObjectId): Promise<void> {
  await RollupBoard.deleteMany({ user });
  await takeTotalsOffBoards(user);
}

/**
 * Erased volunteers have no period board rows and no all-time total left on a board. 'live' (the
 * repair loop) looks at the board rows and the district total, point reads per erased volunteer;
 * 'all' also at their team totals.
 */
export const leaderboardErasure: Invariant = {
  name: 'leaderboard-erasure',
  check: async ({ scope }) => {
    const out: Violation[] = [];
    for (const user of await erasedUsers()) {
      const id = String(user);
      const onBoards = await RollupBoard.countDocuments({ user });
      const totals = await totalsOnBoardsOf(user, scope);
      if (!onBoards && !totals) continue;
      out.push({
        invariant: 'leaderboard-erasure',
        subject: `volunteer:${id}`,
        message: `deleted account ${id} still has ${onBoards} period board row(s) and ${totals} total(s) on a leaderboard`,
        expected: { boardRows: 0, totalsOnBoard: 0 },
        found: { boardRows: onBoards, totalsOnBoard: totals },
        fix: () => eraseFromLeaderboards(user),
      });
    }
    return out;
  },
};
