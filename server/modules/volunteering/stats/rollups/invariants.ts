/**
 * Monthly rollups ⇔ the ledger (see server/platform/invariants.ts for how invariants are checked
 * and repaired). The rollups move only through the `stats.rollups` subscriber; they drift when the
 * ledger is written without events (the scale seeder, scripts) or when a repair and a late
 * delivery both count an entry. Empty rollups over a non-empty ledger (a first start with this
 * code, a restored backup) are the same violation: the repair at start is the backfill.
 */
import { registerInvariants, type Invariant } from '../../../../platform/invariants';
import { OutboxEvent } from '../../../../platform/outbox/model';
import { leaderboardErasure } from '../erasure';
import { diffScope, expectedRollups, replaceScope, storedRollups, storedScopes } from './rebuild';
import { ROLLUP_ACTIVITY_EVENTS, ROLLUP_HOURS_EVENTS } from './subscribers';

const hoursRollups: Invariant = {
  name: 'hours-rollups',
  // 'live' (the repair loop every 10 s) compares the month documents; 'all' (check:invariants,
  // the repair at start) also every volunteer's months and leaderboard minutes.
  check: async ({ scope: depth }) => {
    const details = depth === 'all';
    // An event still on its way would be counted twice (by the repair, then by its delivery):
    // judge only when none is pending (the outbox invariant watches the ones that never arrive).
    const inFlight = await OutboxEvent.exists({
      status: 'pending',
      type: { $in: [...ROLLUP_HOURS_EVENTS, ...ROLLUP_ACTIVITY_EVENTS] },
    });
    if (inFlight) return [];
    const expected = await expectedRollups();
    const scopes = new Set([...expected.keys(), ...(await storedScopes(details))]);
    const out = [];
    for (const scope of scopes) {
      const want = expected.get(scope) ?? { months: new Map(), members: new Map(), boards: new Map() };
      const diff = diffScope(scope, want, await storedRollups(scope, details), details);
      if (!diff) continue;
      const what = diff.months.length
        ? `months ${diff.months.slice(0, 3).join(', ')}${diff.months.length > 3 ? ` (+${diff.months.length - 3})` : ''}`
        : 'volunteer and activity months';
      out.push({
        invariant: 'hours-rollups',
        subject: `rollups:${scope}`,
        message: `hours rollups of ${scope === 'district' ? 'the district' : `team ${scope}`} differ from the ledger in ${what}`,
        expected: diff.expectedDigest,
        found: diff.foundDigest,
        fix: async () => {
          await replaceScope(scope, want, { digest: diff.foundDigest, details });
        },
      });
    }
    return out;
  },
};

export const rollupInvariants: Invariant[] = [hoursRollups, leaderboardErasure];

registerInvariants(rollupInvariants);
