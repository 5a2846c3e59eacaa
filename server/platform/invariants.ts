/**
 * Invariants between documents that are written by separate statements (for speed, e.g. the
 * batched signup path) and the repair that restores them after a crash.
 *
 * Each invariant lists its violations; a violation names its subject, what the source of truth
 * says (`expected`) and what the derived value holds (`found`), and may carry a `fix`: one
 * update guarded on `found`, so a write that changed the value since the check makes the fix a
 * no-op. A violation may also be a write still in flight (a signup between its counter update
 * and its row insert), so the repair fixes only a violation seen *unchanged* for `graceMs`
 * (subject, expected and found alike): anything a live request is doing moves one of them.
 * When no other process can be writing (the embedded engine, whose data dir is locked, at start)
 * the repair runs with a grace of 0.
 *
 * `npm run check:invariants` lists every violation (scripts/check-invariants.ts); main repairs
 * at start and then every REPAIR_EVERY_MS (see ARCHITECTURE.md, Crash consistency).
 */
import type { AppDeps } from '../deps';
import { every } from './every';

export interface Violation {
  invariant: string;
  subject: string;
  message: string;
  expected?: unknown;
  found?: unknown;
  /** Puts it right, guarded on `found`; absent when repair belongs elsewhere (the dispatcher). */
  fix?: () => Promise<void>;
}

export interface Invariant {
  name: string;
  /** Every violation now. `scope: 'live'` may skip what no request can touch any more (ended shifts). */
  check: (opts: { scope: 'all' | 'live'; now: Date }) => Promise<Violation[]>;
  /** Runs after this invariant's fixes (e.g. clear a cache). */
  afterFix?: () => void;
}

const registry = new Map<string, Invariant>();

/** Adds (or replaces, by name) invariants; modules list theirs, the platform its outbox one. */
export function registerInvariants(list: readonly Invariant[]): void {
  for (const i of list) registry.set(i.name, i);
}

export async function checkInvariants(scope: 'all' | 'live' = 'all', now = new Date()): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const inv of registry.values()) out.push(...(await inv.check({ scope, now })));
  return out;
}

const identity = (v: Violation) => JSON.stringify([v.invariant, v.subject, v.expected, v.found]);

/**
 * Repairs violations seen unchanged for `graceMs`. `seen` carries first sightings from one pass
 * to the next (the periodic loop keeps one); returns how many were fixed.
 */
export async function repairInvariants(
  deps: Pick<AppDeps, 'logger'>,
  // 'all' (check:invariants --repair) also repairs what the periodic 'live' pass leaves unchecked
  opts: { graceMs: number; seen?: Map<string, number>; now?: Date; scope?: 'all' | 'live' },
): Promise<number> {
  const now = opts.now ?? new Date();
  const seen = opts.seen ?? new Map<string, number>();
  let fixed = 0;
  const current = new Set<string>();
  for (const inv of registry.values()) {
    let touched = false;
    for (const v of await inv.check({ scope: opts.scope ?? 'live', now })) {
      const id = identity(v);
      current.add(id);
      const first = seen.get(id) ?? now.getTime();
      seen.set(id, first);
      if (!v.fix || now.getTime() - first < opts.graceMs) continue;
      await v.fix();
      seen.delete(id);
      fixed += 1;
      touched = true;
      deps.logger.warn({ invariant: v.invariant, subject: v.subject, expected: v.expected, found: v.found }, `repaired: ${v.message}`);
    }
    if (touched) inv.afterFix?.();
  }
  for (const id of seen.keys()) if (!current.has(id)) seen.delete(id);
  return fixed;
}

/** Repair every `everyMs` (grace `graceMs`) until stopped. */
export function startRepairLoop(deps: Pick<AppDeps, 'logger'>, opts: { everyMs: number; graceMs: number }): { stop(): Promise<void> } {
  const seen = new Map<string, number>();
  return every(deps, opts.everyMs, 'invariant repair pass', () => repairInvariants(deps, { graceMs: opts.graceMs, seen }));
}
