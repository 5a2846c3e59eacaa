import type { Types } from 'mongoose';
import { addVolunteerMinutes } from '../volunteers';
import { HoursTotal, type TTotalKind } from './model';

export interface TotalsDelta {
  confirmed: number;
  pending: number;
}

/**
 * Applies one entry's status change to every running total it belongs to: the volunteer,
 * the team, the volunteer within the team, and the Volunteer profile's own counters
 * (`confirmedMinutes`, and `totalMinutes` = confirmed + pending). Each is an upserted $inc,
 * so concurrent confirmations never lose an update. Callers only apply a delta after
 * winning the guarded status update on the entry, so a delta is applied at most once;
 * a crash between the two writes is repaired by reconcileHours().
 */
export async function applyTotalsDelta(user: Types.ObjectId, team: Types.ObjectId, delta: TotalsDelta): Promise<void> {
  if (delta.confirmed === 0 && delta.pending === 0) return;
  const $inc = { confirmedMinutes: delta.confirmed, pendingMinutes: delta.pending };
  const upsert = (kind: TTotalKind, teamId: Types.ObjectId | null, userId: Types.ObjectId | null) => ({
    updateOne: { filter: { kind, team: teamId, user: userId }, update: { $inc }, upsert: true },
  });
  await HoursTotal.bulkWrite(
    [upsert('volunteer', null, user), upsert('team', team, null), upsert('team_member', team, user)],
    {
      ordered: false,
    },
  );
  await addVolunteerMinutes(user, delta);
}

/** Account deletion: the volunteer's totals stay (teams rely on them) but leave every all-time board. */
export async function takeTotalsOffBoards(user: Types.ObjectId): Promise<void> {
  await HoursTotal.updateMany({ user, offBoard: { $ne: true } }, { $set: { offBoard: true } });
}

/**
 * How many of the volunteer's totals still stand on an all-time board: their district total
 * ('live'), or also their team totals ('all').
 */
export function totalsOnBoardsOf(user: Types.ObjectId, scope: 'live' | 'all'): Promise<number> {
  return HoursTotal.countDocuments(
    scope === 'all'
      ? { user, kind: { $in: ['volunteer', 'team_member'] }, offBoard: { $ne: true } }
      : { kind: 'volunteer', team: null, user, offBoard: { $ne: true } },
  ).exec();
}
