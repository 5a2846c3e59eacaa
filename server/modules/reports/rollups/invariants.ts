/**
 * Report rollups ⇔ the reports (see server/platform/invariants.ts). The rollups move only through
 * the `reports.rollups` subscriber, so they drift only when reports are written without events
 * (the bench seeder, scripts, a restored backup): empty rollups over existing reports are the same
 * violation, and the repair at start is the backfill. Each Shanghai day is checked and repaired
 * on its own. 'all' (check:invariants) compares every day; 'live' (the repair loop) compares
 * today and yesterday, and every day when there are reports but no rollups at all.
 */
import { registerInvariants, type Invariant, type Violation } from '../../../platform/invariants';
import { OutboxEvent } from '../../../platform/outbox/model';
import { Report } from '../model';
import { shanghaiDay } from './contribution';
import { ReportRollupMember } from './model';
import { daysWithData, digestDay, expectedDay, replaceDay, storedDay } from './rebuild';
import { ROLLUP_EVENTS } from './subscribers';

const DAY_MS = 86_400_000;

const reportRollups: Invariant = {
  name: 'report-rollups',
  check: async ({ scope, now }) => {
    // An event still on its way would be counted twice (by the repair, then by its delivery).
    if (await OutboxEvent.exists({ status: 'pending', type: { $in: [...ROLLUP_EVENTS] } })) return [];
    const backfill = !(await ReportRollupMember.exists({})) && (await Report.exists({}));
    const days = scope === 'all' || backfill ? await daysWithData() : [shanghaiDay(new Date(now.getTime() - DAY_MS)), shanghaiDay(now)];
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
    return out;
  },
};

export const reportRollupInvariants: Invariant[] = [reportRollups];
registerInvariants(reportRollupInvariants);
