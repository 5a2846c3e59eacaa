import { Types } from 'mongoose';
import type { THoursPage, TTeamHoursQuery } from '@shared/schemas/volunteering/hours';
import { displayNames } from '../../users';
import { HoursEntry, HoursTotal, type HoursEntryDoc } from './model';
import { presentHoursEntry, presentTotals } from './presenter';

export interface TotalsView {
  confirmedMinutes: number;
  pendingMinutes: number;
}

const ZERO: TotalsView = { confirmedMinutes: 0, pendingMinutes: 0 };

/** One indexed point read of a maintained total — never an aggregation over the ledger. */
export async function totalsFor(
  kind: 'volunteer' | 'team' | 'team_member',
  team: string | null,
  user: string | null,
): Promise<TotalsView> {
  const doc = await HoursTotal.findOne(
    { kind, team: team ? new Types.ObjectId(team) : null, user: user ? new Types.ObjectId(user) : null },
    { confirmedMinutes: 1, pendingMinutes: 1 },
  ).lean();
  return doc ? { confirmedMinutes: doc.confirmedMinutes, pendingMinutes: doc.pendingMinutes } : ZERO;
}

export interface LeaderboardRow {
  user: Types.ObjectId;
  confirmedMinutes: number;
  displayName: string;
}

/** Top volunteers by confirmed minutes, district-wide or within one team (index: kind, team, confirmedMinutes). */
export async function leaderboard(opts: { teamId?: string; limit: number }): Promise<LeaderboardRow[]> {
  // deleted accounts keep their totals but leave the board (volunteering/stats/erasure.ts)
  const filter = opts.teamId
    ? { kind: 'team_member' as const, team: new Types.ObjectId(opts.teamId), confirmedMinutes: { $gt: 0 }, offBoard: { $ne: true } }
    : { kind: 'volunteer' as const, team: null, confirmedMinutes: { $gt: 0 }, offBoard: { $ne: true } };
  const rows = await HoursTotal.find(filter, { user: 1, confirmedMinutes: 1 })
    .sort({ confirmedMinutes: -1, user: 1 })
    .limit(opts.limit)
    .lean();
  const users = rows.map((r) => r.user).filter((u): u is Types.ObjectId => u !== null);
  const names = await displayNames(users);
  return rows.map((r) => ({
    user: r.user!,
    confirmedMinutes: r.confirmedMinutes,
    displayName: names.get(String(r.user)) ?? '',
  }));
}

export async function listEntries(
  filter: Record<string, unknown>,
  page: number,
  pageSize: number,
): Promise<{ items: HoursEntryDoc[]; total: number }> {
  const [items, total] = await Promise.all([
    HoursEntry.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    HoursEntry.countDocuments(filter),
  ]);
  return { items, total };
}

export const findEntry = (id: string): Promise<HoursEntryDoc | null> => HoursEntry.findById(id).lean<HoursEntryDoc>().exec();

/** The volunteer's own totals and ledger, latest first. */
export async function myHours(userId: string, page: { page: number; pageSize: number }): Promise<THoursPage> {
  const [totals, list] = await Promise.all([
    totalsFor('volunteer', null, userId),
    listEntries({ user: new Types.ObjectId(userId) }, page.page, page.pageSize),
  ]);
  return {
    totals: presentTotals(totals),
    items: list.items.map((e) => presentHoursEntry(e)),
    total: list.total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** A team's totals and ledger with volunteers' names, by status and activity (team admins). */
export async function teamHours(teamId: string, query: TTeamHoursQuery): Promise<THoursPage> {
  const filter: Record<string, unknown> = { team: new Types.ObjectId(teamId) };
  if (query.status) filter.status = query.status;
  if (query.activityId) filter.activity = new Types.ObjectId(query.activityId);
  const list = await listEntries(filter, query.page, query.pageSize);
  const names = await displayNames(list.items.map((e) => e.user));
  return {
    totals: presentTotals(await totalsFor('team', teamId, null)),
    items: list.items.map((e) => presentHoursEntry(e, names.get(String(e.user)) ?? '')),
    total: list.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Whether the ledger holds a pending entry under this dedupe key. */
export async function hasPendingEntry(dedupeKey: string): Promise<boolean> {
  return (await HoursEntry.exists({ dedupeKey, status: 'pending' })) !== null;
}

/** A volunteer's confirmed entries (within one team when given): what a certificate lists. */
export const confirmedServiceOf = (user: Types.ObjectId, team?: Types.ObjectId) =>
  HoursEntry.find(
    { user, status: 'confirmed', ...(team ? { team } : {}) },
    { activity: 1, activityTitle: 1, team: 1, serviceDate: 1, minutes: 1 },
  )
    .lean<Pick<HoursEntryDoc, '_id' | 'activity' | 'activityTitle' | 'team' | 'serviceDate' | 'minutes'>[]>()
    .exec();

/** What the statistics rollups count of a confirmed entry. */
export type CountedEntry = Pick<HoursEntryDoc, '_id' | 'user' | 'team' | 'activity' | 'period' | 'minutes'>;
const ROLLUP_FIELDS = { user: 1, team: 1, activity: 1, period: 1, minutes: 1 } as const;

/** These entries, those of them that are confirmed. */
export const confirmedEntriesByIds = (ids: Types.ObjectId[]): Promise<CountedEntry[]> =>
  HoursEntry.find({ _id: { $in: ids }, status: 'confirmed' }, ROLLUP_FIELDS).lean<CountedEntry[]>().exec();

/** Every confirmed entry, streamed in batches (the rollups' rebuild). */
export const confirmedEntriesCursor = () =>
  HoursEntry.find({ status: 'confirmed' }, ROLLUP_FIELDS).lean<CountedEntry>().cursor({ batchSize: 5000 });
