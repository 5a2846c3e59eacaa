/**
 * Monthly rollups ⇔ the ledger (see server/platform/invariants.ts for how invariants are checked
 * and repaired). The rollups move only through the `stats.rollups` subscriber; they drift when the
 * ledger is written without events (the scale seeder, scripts) or when a repair and a late
 * delivery both count an entry. Empty rollups over a non-empty ledger (a first start with this
 * code, a restored backup) are the same violation: the repair at start is the backfill.
 *
 * Incremental (issue 15): recomputing means reading the whole confirmed ledger, so the 10-second
 * passes do it only when the rollups may have moved since the last clean pass — a rollup event
 * delivered or dead-lettered since (the watermark: the newest delivered and dead events seen then),
 * or a violation reported last time (so a violation is looked at again until it is repaired or
 * gone, and a repair is checked). A full pass still runs on a process's first pass (the repair at
 * start), every FULL_EVERY_MS (writes without events: the seeder, scripts) and for `check:invariants`.
 */
import { registerInvariants, type Invariant, type Violation } from '../../../../platform/invariants';
import { hasPendingEvents, latestDeadEvent, latestDeliveredEvents } from '../../../../platform/outbox/store';
import { leaderboardErasure } from '../erasure';
import { diffScope, expectedRollups, replaceScope, storedRollups, storedScopes } from './rebuild';
import { ROLLUP_ACTIVITY_EVENTS, ROLLUP_HOURS_EVENTS } from './subscribers';

export const FULL_EVERY_MS = 5 * 60_000;
/** How many of the newest delivered events a pass looks at; more since the last pass: recompute. */
const WATCH = 50;
const ROLLUP_EVENTS: readonly string[] = [...ROLLUP_HOURS_EVENTS, ...ROLLUP_ACTIVITY_EVENTS];

/** What this process's last clean pass saw (`fullAt` 0: none yet). */
const last = { fullAt: 0, delivered: new Set<string>(), dead: '', violated: false };

/** Forget the previous passes (tests): the next check recomputes. */
export function resetRollupPasses(): void {
  Object.assign(last, { fullAt: 0, delivered: new Set<string>(), dead: '', violated: false });
}

/** The watermark now: the newest delivered events and the newest dead letter (both read through indexes). */
async function watermark(): Promise<{ recent: { id: string; type: string }[]; dead: string }> {
  const recent = await latestDeliveredEvents(WATCH);
  const dead = await latestDeadEvent();
  return { recent: recent.map((e) => ({ id: String(e._id), type: e.type })), dead: dead ? String(dead._id) : '' };
}

/** Whether this pass must read the ledger: see the header. */
function mustRecompute(depth: 'all' | 'live', now: number, mark: Awaited<ReturnType<typeof watermark>>): boolean {
  if (depth === 'all' || last.fullAt === 0 || last.violated || now - last.fullAt >= FULL_EVERY_MS) return true;
  if (mark.dead !== last.dead) return true;
  const fresh = mark.recent.filter((e) => !last.delivered.has(e.id));
  return fresh.length === WATCH || fresh.some((e) => ROLLUP_EVENTS.includes(e.type));
}

const hoursRollups: Invariant = {
  name: 'hours-rollups',
  // 'live' (the repair loop every 10 s) compares the month documents; 'all' (check:invariants,
  // the repair at start) also every volunteer's months and leaderboard minutes.
  check: async ({ scope: depth, now }) => {
    const details = depth === 'all';
    // An event still on its way would be counted twice (by the repair, then by its delivery):
    // judge only when none is pending (the outbox invariant watches the ones that never arrive).
    const inFlight = await hasPendingEvents(ROLLUP_EVENTS);
    if (inFlight) return [];
    const started = now.getTime();
    const mark = await watermark();
    if (!mustRecompute(depth, started, mark)) return [];
    const out = await compare(details);
    // every recompute reads the whole ledger: the next full pass is due FULL_EVERY_MS after it
    last.fullAt = started;
    last.delivered = new Set(mark.recent.map((e) => e.id));
    last.dead = mark.dead;
    last.violated = out.length > 0;
    return out;
  },
};

/** Every scope's stored rollups against the ledger's (the whole confirmed ledger is read). */
async function compare(details: boolean): Promise<Violation[]> {
  const expected = await expectedRollups();
  const scopes = new Set([...expected.keys(), ...(await storedScopes(details))]);
  const out: Violation[] = [];
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
}

export const rollupInvariants: Invariant[] = [hoursRollups, leaderboardErasure];

registerInvariants(rollupInvariants);
