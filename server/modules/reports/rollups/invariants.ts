/**
 * Report rollups ⇔ the reports (see server/platform/invariants.ts). The rollups move only through
 * the `reports.rollups` subscriber, so they drift only when reports are written without events
 * (the bench seeder, scripts, a restored backup): empty rollups over existing reports are the same
 * violation, and the repair at start is the backfill. Each Shanghai day is checked and repaired
 * on its own.
 *
 * Which days a pass compares: 'all' (check:invariants) every day; a process's first 'live' pass
 * (the repair at start) and one every FULL_EVERY_MS, today and yesterday; the 'live' passes in
 * between (every 10 s) only the days of the reports that changed since the previous pass — those
 * named by rollup events in the outbox and those inserted since (ids are time-ordered; SLACK_MS
 * covers clock skew and transactions still open then) — whose member document disagrees with
 * what they count as now, plus the days found wrong last time (looked at again until repaired).
 * Missing rollups or members altogether make any pass the backfill. So the 10 s pass reads what
 * moved, not two days of reports; a raw edit of an old report or of a day document waits for the
 * next full pass.
 */
import { Types } from 'mongoose';
import { registerInvariants, type Invariant, type Violation } from '../../../platform/invariants';
import { eventsSince, hasPendingEvents } from '../../../platform/outbox/store';
import { Report } from '../model';
import { sameMember } from './apply';
import { CONTRIBUTION_FIELDS, contributionOf, shanghaiDay, type ContributionInput } from './contribution';
import { ReportRollup, ReportRollupMember, type ReportRollupMemberDoc } from './model';
import { daysWithData, digestDay, expectedDay, replaceDay, storedDay } from './rebuild';
import { ROLLUP_EVENTS } from './subscribers';

const DAY_MS = 86_400_000;
export const FULL_EVERY_MS = 5 * 60_000;
const SLACK_MS = 60_000;

/** What this process's previous pass did: when (wall clock, as ids are), and the days it found wrong. */
const last = { fullAt: 0, passAt: 0, days: new Set<string>() };

/** Forget the previous passes (tests): the next 'live' pass is a full one. */
export function resetReportRollupPasses(): void {
  Object.assign(last, { fullAt: 0, passAt: 0, days: new Set<string>() });
}

/** The days of reports changed since `since` (wall clock) whose member disagrees with them. */
async function driftedDays(since: number): Promise<Set<string>> {
  const after = Types.ObjectId.createFromTime(Math.floor(since / 1000));
  const [events, inserted] = await Promise.all([
    eventsSince(after, ROLLUP_EVENTS, 'reportId'),
    Report.find({ _id: { $gte: after } }, { _id: 1 }).lean(),
  ]);
  const ids = [...new Set([...events.map((e) => String(e.payload?.reportId ?? '')), ...inserted.map((r) => String(r._id))])]
    .filter((id) => Types.ObjectId.isValid(id))
    .map((id) => new Types.ObjectId(id));
  if (!ids.length) return new Set();
  const [reports, members] = await Promise.all([
    Report.find({ _id: { $in: ids } }, CONTRIBUTION_FIELDS).lean<ContributionInput[]>(),
    ReportRollupMember.find({ _id: { $in: ids } }).lean<ReportRollupMemberDoc[]>(),
  ]);
  const byId = new Map(members.map((m) => [String(m._id), m]));
  const days = new Set<string>();
  const seen = new Set<string>();
  for (const r of reports) {
    seen.add(String(r._id));
    const m = byId.get(String(r._id));
    const want = contributionOf(r);
    const have = m ? { day: m.day, keys: m.keys, c: m.c } : null;
    if (sameMember(have, want)) continue;
    if (want) days.add(want.day);
    if (have) days.add(have.day);
  }
  // A member whose report is gone.
  for (const m of members) if (!seen.has(String(m._id))) days.add(m.day);
  return days;
}

async function daysToCheck(scope: 'all' | 'live', now: Date): Promise<string[]> {
  const started = Date.now();
  const backfill = (!(await ReportRollupMember.exists({})) || !(await ReportRollup.exists({}))) && (await Report.exists({}));
  let days: string[];
  if (scope === 'all' || backfill) {
    days = await daysWithData();
    last.fullAt = started;
  } else if (last.passAt === 0 || started - last.fullAt >= FULL_EVERY_MS) {
    days = [shanghaiDay(new Date(now.getTime() - DAY_MS)), shanghaiDay(now)];
    last.fullAt = started;
  } else days = [...new Set([...last.days, ...(await driftedDays(last.passAt - SLACK_MS))])];
  last.passAt = started;
  return days;
}

const reportRollups: Invariant = {
  name: 'report-rollups',
  check: async ({ scope, now }) => {
    // An event still on its way would be counted twice (by the repair, then by its delivery).
    if (await hasPendingEvents(ROLLUP_EVENTS)) return [];
    const days = await daysToCheck(scope, now);
    const out: Violation[] = [];
    for (const day of days) {
      const [want, have] = await Promise.all([expectedDay(day), storedDay(day)]);
      const expected = digestDay(want);
      const found = digestDay(have);
      if (expected === found) continue;
      out.push({
        invariant: 'report-rollups',
        subject: `report-rollups:${day}`,
        message: `report stats rollups of ${day} differ from the reports received that day`,
        expected,
        found,
        fix: async () => void (await replaceDay(day, want, found)),
      });
    }
    last.days = new Set(out.map((v) => v.subject.slice('report-rollups:'.length)));
    return out;
  },
};

export const reportRollupInvariants: Invariant[] = [reportRollups];
registerInvariants(reportRollupInvariants);
