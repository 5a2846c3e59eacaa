import type { Types } from 'mongoose';
import { shanghaiMonth } from '../../hours';
import { isErased } from '../erasure';
import { DISTRICT_SCOPE, HoursRollup, RollupBoard, RollupMember, boardKey, type TMemberKind } from './model';

/** What the rollups need of a confirmed ledger entry. */
export interface RollupEntry {
  user: Types.ObjectId;
  team: Types.ObjectId;
  activity: Types.ObjectId | null;
  period: string;
  minutes: number;
}

/** Activities counted as held (see ZStatsRowDto.activitiesHeld). */
export const HELD_STATUSES = ['published', 'completed'] as const;

const NONE = 'none';
const upsert = { upsert: true } as const;

/** The active months just before and after `month` (or none). */
function neighbours(periods: Record<string, number>, month: string): { prev: string; next: string | null } {
  let prev = NONE;
  let next: string | null = null;
  for (const [p, n] of Object.entries(periods)) {
    if (n <= 0 || p === month) continue;
    if (p < month && (prev === NONE || p > prev)) prev = p;
    if (p > month && (next === null || p < next)) next = p;
  }
  return { prev, next };
}

/**
 * Counts one more (sign 1) or one fewer (-1) entry of a volunteer or an activity in a month, and
 * when that makes the month newly active (or inactive) for it, moves the month's distinct count
 * and the `first*` histogram of that month and of the next active month (see HoursRollupDoc).
 */
async function countMember(scope: string, kind: 'user' | 'activity', ref: Types.ObjectId, month: string, sign: 1 | -1) {
  const member = await RollupMember.findOneAndUpdate(
    { ref, scope, kind },
    { $inc: { [`periods.${month}`]: sign } },
    { ...upsert, returnDocument: 'after' },
  ).lean();
  const now = member?.periods[month] ?? 0;
  const opened = sign === 1 && now === 1;
  const closed = sign === -1 && now === 0;
  if (!opened && !closed) return;
  const [count, hist] = kind === 'user' ? ['volunteers', 'firstVol'] : ['activitiesServed', 'firstAct'];
  const { prev, next } = neighbours(member!.periods, month);
  await HoursRollup.updateOne({ scope, period: month }, { $inc: { [count]: sign, [`${hist}.${prev}`]: sign } }, upsert);
  if (next)
    await HoursRollup.updateOne(
      { scope, period: next },
      { $inc: { [`${hist}.${prev}`]: -sign, [`${hist}.${month}`]: sign } },
      upsert,
    );
}

/**
 * Adds a confirmed entry to the rollups of its team and of the district (sign -1 takes one out).
 * Every write is an upserted $inc by the entry's own minutes: the dispatcher runs it in one
 * transaction with its receipt, so one delivery adds it once.
 */
export async function applyEntry(e: RollupEntry, sign: 1 | -1 = 1): Promise<void> {
  const minutes = sign * e.minutes;
  // a deleted account's late entries still count in the figures, not on a board
  const onBoards = !(await isErased(e.user));
  for (const scope of [String(e.team), DISTRICT_SCOPE]) {
    await HoursRollup.updateOne({ scope, period: e.period }, { $inc: { minutes, entries: sign } }, upsert);
    for (const period of onBoards ? [e.period, e.period.slice(0, 4)] : [])
      await RollupBoard.updateOne(
        { user: e.user, scope, period },
        { $inc: { minutes }, $setOnInsert: { board: boardKey(scope, period) } },
        upsert,
      );
    await countMember(scope, 'user', e.user, e.period, sign);
    if (e.activity) await countMember(scope, 'activity', e.activity, e.period, sign);
  }
}

/**
 * Puts an activity's "held" count where its current state says: in the month its first shift
 * starts while published or completed, nowhere otherwise. The month it was counted in is kept on
 * its member document, so the move is computed from state, not from the event (a redelivery or
 * an out-of-date event moves nothing).
 */
export async function syncHeld(activity: {
  _id: Types.ObjectId;
  team: Types.ObjectId;
  status: string;
  startsAt: Date;
} | null, id: Types.ObjectId, teamId: Types.ObjectId | null): Promise<void> {
  const team = activity?.team ?? teamId;
  if (!team) return;
  const scope = String(team);
  const kind: TMemberKind = 'held';
  const held = activity && (HELD_STATUSES as readonly string[]).includes(activity.status);
  const month = held ? shanghaiMonth(activity.startsAt) : null;
  const before = await RollupMember.findOneAndUpdate(
    { ref: id, scope, kind },
    { $set: { periods: month ? { [month]: 1 } : {} } },
    { ...upsert, returnDocument: 'before' },
  ).lean();
  const was = Object.keys(before?.periods ?? {}).find((p) => (before?.periods[p] ?? 0) > 0) ?? null;
  if (was === month) return;
  for (const s of [scope, DISTRICT_SCOPE]) {
    if (was) await HoursRollup.updateOne({ scope: s, period: was }, { $inc: { held: -1 } }, upsert);
    if (month) await HoursRollup.updateOne({ scope: s, period: month }, { $inc: { held: 1 } }, upsert);
  }
}
