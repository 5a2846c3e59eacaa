import { Types } from 'mongoose';
import { Report } from '../model';
import { CONTRIBUTION_FIELDS, contributionOf, type ContributionInput } from './contribution';
import { COUNTERS, ROLLUP_DIMS, ReportRollup, ReportRollupMember, zeroCounters, type Counters, type ReportRollupMemberDoc } from './model';

/** slot + NUL + key → counters: rollup documents being built or moved. */
export type RollupDeltas = Map<string, Counters>;
const SEP = '\u0000';
export const deltaKey = (slot: string, key: string): string => `${slot}${SEP}${key}`;
export const splitDeltaKey = (k: string): { slot: string; key: string } => {
  const i = k.indexOf(SEP);
  return { slot: k.slice(0, i), key: k.slice(i + 1) };
};
export const slotOf = (dim: string, day: string): string => `${dim}|${day}`;

/** Adds a member's counters (sign 1) or takes them out (-1) under each of its dimensions. */
export function addMember(into: RollupDeltas, m: Pick<ReportRollupMemberDoc, 'day' | 'keys' | 'c'>, sign: 1 | -1): void {
  for (const dim of ROLLUP_DIMS) {
    const k = deltaKey(slotOf(dim, m.day), m.keys[dim] ?? '');
    const acc = into.get(k) ?? zeroCounters();
    for (const c of COUNTERS) acc[c] += sign * (m.c[c] ?? 0);
    into.set(k, acc);
  }
}

export const sameMember = (a: Omit<ReportRollupMemberDoc, '_id'> | null, b: Omit<ReportRollupMemberDoc, '_id'> | null): boolean =>
  JSON.stringify(a && [a.day, a.keys, a.c]) === JSON.stringify(b && [b.day, b.keys, b.c]);

/**
 * Brings one report's part of the rollups in line with its current state: the difference between
 * what it is counted as (its member document) and what it should count as now is $inc-ed into
 * the day documents it touches. Runs in the outbox dispatcher's transaction with its receipt,
 * after `reports.sla` for the same event (registration order), so the on-time flags are fresh.
 */
export async function syncReportRollup(reportId: string): Promise<void> {
  const id = new Types.ObjectId(reportId);
  const [report, member] = await Promise.all([
    Report.findById(id, CONTRIBUTION_FIELDS).lean<ContributionInput>(),
    ReportRollupMember.findById(id).lean<ReportRollupMemberDoc>(),
  ]);
  const next = report ? contributionOf(report) : null;
  const prev = member ? { day: member.day, keys: member.keys, c: member.c } : null;
  if (sameMember(prev, next)) return;
  const deltas: RollupDeltas = new Map();
  if (prev) addMember(deltas, prev, -1);
  if (next) addMember(deltas, next, 1);
  // One round trip for the (up to eight) day documents a move touches.
  const ops = [...deltas]
    .map(([k, d]) => ({ filter: splitDeltaKey(k), inc: Object.fromEntries(COUNTERS.filter((c) => d[c] !== 0).map((c) => [c, d[c]])) }))
    .filter((o) => Object.keys(o.inc).length > 0)
    .map((o) => ({ updateOne: { filter: o.filter, update: { $inc: o.inc }, upsert: true } }));
  if (ops.length) await ReportRollup.bulkWrite(ops, { ordered: true });
  if (next) await ReportRollupMember.replaceOne({ _id: id }, next, { upsert: true });
  else await ReportRollupMember.deleteOne({ _id: id });
}
