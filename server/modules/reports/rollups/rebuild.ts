import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { Report } from '../model';
import { addMember, slotOf, splitDeltaKey, type RollupDeltas } from './apply';
import { CONTRIBUTION_FIELDS, contributionOf, shanghaiDay, shanghaiDayStart, type ContributionInput } from './contribution';
import { COUNTERS, ROLLUP_DIMS, ReportRollup, ReportRollupMember, type ReportRollupMemberDoc } from './model';

const DAY_MS = 86_400_000;

/** One Shanghai day of rollups: its day documents and its reports' member documents. */
export interface DayRollups {
  rollups: RollupDeltas;
  members: Map<string, Omit<ReportRollupMemberDoc, '_id'>>;
}

/** What a day's rollups should hold, from the reports received that day. */
export async function expectedDay(day: string): Promise<DayRollups> {
  const start = shanghaiDayStart(day);
  const out: DayRollups = { rollups: new Map(), members: new Map() };
  const reports = Report.find({ createdAt: { $gte: start, $lt: new Date(start.getTime() + DAY_MS) } }, CONTRIBUTION_FIELDS)
    .lean<ContributionInput[]>()
    .cursor({ batchSize: 5000 });
  for await (const r of reports) {
    const m = contributionOf(r);
    if (!m) continue;
    out.members.set(String(r._id), m);
    addMember(out.rollups, m, 1);
  }
  return out;
}

const slotsOf = (day: string) => ROLLUP_DIMS.map((dim) => slotOf(dim, day));

/** What a day's rollups hold now. */
export async function storedDay(day: string): Promise<DayRollups> {
  const out: DayRollups = { rollups: new Map(), members: new Map() };
  for (const d of await ReportRollup.find({ slot: { $in: slotsOf(day) } }).lean())
    out.rollups.set(`${d.slot}\u0000${d.key}`, Object.fromEntries(COUNTERS.map((c) => [c, d[c] ?? 0])) as never);
  for await (const m of ReportRollupMember.find({ day }).lean<ReportRollupMemberDoc[]>().cursor({ batchSize: 5000 }))
    out.members.set(String(m._id), { day: m.day, keys: m.keys, c: m.c });
  return out;
}

/** A digest that ignores all-zero day documents (a report that moved away leaves zeros behind). */
export function digestDay(d: DayRollups): string {
  const rollups = [...d.rollups]
    .filter(([, c]) => COUNTERS.some((k) => c[k] !== 0))
    .map(([k, c]) => [k, COUNTERS.map((x) => c[x])])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  const members = [...d.members].map(([id, m]) => [id, m.keys, COUNTERS.map((x) => m.c[x] ?? 0)]).sort(([a], [b]) => String(a).localeCompare(String(b)));
  return createHash('sha1').update(JSON.stringify([rollups, members])).digest('hex').slice(0, 16);
}

/** Replaces a day's rollups with `expected`, unless they changed since they were found (`guard`). */
export async function replaceDay(day: string, expected: DayRollups, guard?: string): Promise<boolean> {
  if (guard && digestDay(await storedDay(day)) !== guard) return false;
  await ReportRollup.deleteMany({ slot: { $in: slotsOf(day) } });
  await ReportRollupMember.deleteMany({ day });
  const docs = [...expected.rollups].map(([k, c]) => ({ ...splitDeltaKey(k), ...c }));
  for (let i = 0; i < docs.length; i += 5000) await ReportRollup.collection.insertMany(docs.slice(i, i + 5000), { ordered: false });
  const members = [...expected.members].map(([id, m]) => ({ _id: new Types.ObjectId(id), ...m }));
  for (let i = 0; i < members.length; i += 5000) await ReportRollupMember.collection.insertMany(members.slice(i, i + 5000), { ordered: false });
  return true;
}

/** Every day that has reports or rollups. */
export async function daysWithData(): Promise<string[]> {
  const days = new Set<string>();
  for await (const r of Report.find({}, { createdAt: 1 }).lean().cursor({ batchSize: 10_000 })) days.add(shanghaiDay(r.createdAt));
  for (const slot of (await ReportRollup.distinct('slot')) as string[]) days.add(slot.slice(slot.indexOf('|') + 1));
  for (const day of (await ReportRollupMember.distinct('day')) as string[]) days.add(day);
  return [...days].sort();
}

/** Rebuilds every day from the reports (the bench and scripts that insert reports directly). */
export async function rebuildReportRollups(): Promise<{ days: number }> {
  await ReportRollup.deleteMany({});
  await ReportRollupMember.deleteMany({});
  const days = await daysWithData();
  for (const day of days) await replaceDay(day, await expectedDay(day));
  return { days: days.length };
}
