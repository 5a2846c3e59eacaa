import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { activityStartsCursor } from '../../activities';
import { confirmedEntriesCursor, shanghaiMonth } from '../../hours';
import { erasedUsers } from '../erasure';
import { HELD_STATUSES } from './apply';
import { DISTRICT_SCOPE, HoursRollup, RollupBoard, RollupMember, boardKey, type TMemberKind } from './model';

interface Month {
  minutes: number;
  entries: number;
  volunteers: number;
  activitiesServed: number;
  held: number;
  firstVol: Record<string, number>;
  firstAct: Record<string, number>;
}

/** Everything the rollups hold for one scope, as the ledger says it should be. */
export interface ScopeRollups {
  months: Map<string, Month>;
  /** kind|ref → periods */
  members: Map<string, Record<string, number>>;
  /** period|user → minutes */
  boards: Map<string, number>;
}

const emptyScope = (): ScopeRollups => ({ months: new Map(), members: new Map(), boards: new Map() });
const emptyMonth = (): Month => ({ minutes: 0, entries: 0, volunteers: 0, activitiesServed: 0, held: 0, firstVol: {}, firstAct: {} });

function month(s: ScopeRollups, period: string): Month {
  let m = s.months.get(period);
  if (!m) s.months.set(period, (m = emptyMonth()));
  return m;
}

/**
 * The rollups every scope should hold, computed from the confirmed ledger (streamed once) and the
 * held activities. Memory grows with volunteers × months, not with entries.
 */
export async function expectedRollups(): Promise<Map<string, ScopeRollups>> {
  const scopes = new Map<string, ScopeRollups>();
  const scopeOf = (key: string) => {
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = emptyScope()));
    return s;
  };
  const count = (s: ScopeRollups, kind: TMemberKind, ref: string, period: string) => {
    const key = `${kind}|${ref}`;
    const periods = s.members.get(key) ?? {};
    periods[period] = (periods[period] ?? 0) + 1;
    s.members.set(key, periods);
  };
  // deleted accounts' hours count in the figures, not on the boards (../erasure.ts)
  const erased = new Set((await erasedUsers()).map(String));
  const entries = confirmedEntriesCursor();
  for await (const e of entries) {
    for (const s of [scopeOf(String(e.team)), scopeOf(DISTRICT_SCOPE)]) {
      const m = month(s, e.period);
      m.minutes += e.minutes;
      m.entries += 1;
      for (const p of erased.has(String(e.user)) ? [] : [e.period, e.period.slice(0, 4)]) {
        const key = `${p}|${String(e.user)}`;
        s.boards.set(key, (s.boards.get(key) ?? 0) + e.minutes);
      }
      count(s, 'user', String(e.user), e.period);
      if (e.activity) count(s, 'activity', String(e.activity), e.period);
    }
  }
  for (const s of scopes.values()) {
    for (const [key, periods] of s.members) {
      const kind = key.slice(0, key.indexOf('|'));
      let prev = 'none';
      for (const p of Object.keys(periods).sort()) {
        const m = month(s, p);
        const hist = kind === 'user' ? m.firstVol : m.firstAct;
        if (kind === 'user') m.volunteers += 1;
        else m.activitiesServed += 1;
        hist[prev] = (hist[prev] ?? 0) + 1;
        prev = p;
      }
    }
  }
  const held = activityStartsCursor(HELD_STATUSES);
  for await (const a of held) {
    const period = shanghaiMonth(a.startsAt);
    const team = scopeOf(String(a.team));
    team.members.set(`held|${String(a._id)}`, { [period]: 1 });
    month(team, period).held += 1;
    month(scopeOf(DISTRICT_SCOPE), period).held += 1;
  }
  return scopes;
}

/** Zero counts and empty months say nothing: both sides are compared without them. */
const nonZero = (r: Record<string, number> | undefined) =>
  Object.fromEntries(Object.entries(r ?? {}).filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));

function canonical(s: ScopeRollups): { months: Map<string, string>; rest: string } {
  const months = new Map<string, string>();
  for (const [p, m] of [...s.months].sort(([a], [b]) => a.localeCompare(b))) {
    const line = { ...m, firstVol: nonZero(m.firstVol), firstAct: nonZero(m.firstAct) };
    const empty = !m.minutes && !m.entries && !m.volunteers && !m.activitiesServed && !m.held &&
      !Object.keys(line.firstVol).length && !Object.keys(line.firstAct).length;
    if (!empty) months.set(p, JSON.stringify(line));
  }
  const members = [...s.members].map(([k, v]) => [k, nonZero(v)] as const).filter(([, v]) => Object.keys(v).length).sort(([a], [b]) => a.localeCompare(b));
  const boards = [...s.boards].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));
  return { months, rest: JSON.stringify([members, boards]) };
}

/**
 * What one scope's rollups hold now; without `details`, only the month documents (the periodic
 * check's cheap pass: member and board documents grow with the volunteers).
 */
export async function storedRollups(scope: string, details = true): Promise<ScopeRollups> {
  const s = emptyScope();
  for (const d of await HoursRollup.find({ scope }).lean())
    s.months.set(d.period, {
      minutes: d.minutes ?? 0,
      entries: d.entries ?? 0,
      volunteers: d.volunteers ?? 0,
      activitiesServed: d.activitiesServed ?? 0,
      held: d.held ?? 0,
      firstVol: d.firstVol ?? {},
      firstAct: d.firstAct ?? {},
    });
  if (!details) return s;
  for await (const d of RollupMember.find({ scope }).lean().cursor({ batchSize: 5000 }))
    s.members.set(`${d.kind}|${String(d.ref)}`, d.periods ?? {});
  for await (const d of RollupBoard.find({ scope }).lean().cursor({ batchSize: 5000 })) {
    // a row under the wrong board key is missing from its leaderboard: a difference like any other
    const misfiled = d.board === boardKey(scope, d.period) ? '' : `|misfiled:${String(d.board)}`;
    s.boards.set(`${d.period}|${String(d.user)}${misfiled}`, d.minutes);
  }
  return s;
}

export interface ScopeDiff {
  scope: string;
  /** Months whose figures differ (first few), and whether member or board documents differ. */
  months: string[];
  details: boolean;
  expectedDigest: string;
  foundDigest: string;
}

const digest = (c: { months: Map<string, string>; rest: string }, details: boolean) =>
  createHash('sha1').update(JSON.stringify([[...c.months], details ? c.rest : ''])).digest('hex').slice(0, 16);

/** Compares one scope's stored rollups with what the ledger says (null when equal). */
export function diffScope(scope: string, expected: ScopeRollups, found: ScopeRollups, details = true): ScopeDiff | null {
  const e = canonical(expected);
  const f = canonical(found);
  const expectedDigest = digest(e, details);
  const foundDigest = digest(f, details);
  if (expectedDigest === foundDigest) return null;
  const months = [...new Set([...e.months.keys(), ...f.months.keys()])].filter((p) => e.months.get(p) !== f.months.get(p)).sort();
  return { scope, months, details: details && e.rest !== f.rest, expectedDigest, foundDigest };
}

/**
 * Every scope that is stored, whether or not the ledger still has anything in it; with `details`
 * also scopes that hold only member or board documents (left behind without their months).
 */
export async function storedScopes(details = true): Promise<string[]> {
  const scopes = new Set((await HoursRollup.distinct('scope')) as string[]);
  if (details) {
    for (const s of (await RollupMember.distinct('scope')) as string[]) scopes.add(s);
    for (const s of (await RollupBoard.distinct('scope')) as string[]) scopes.add(s);
  }
  return [...scopes];
}

/**
 * Replaces one scope's rollups with the expected ones, if they still are what was found (`guard`,
 * the digest at check time): a delivery that moved them since makes this a no-op, and the next
 * check sees the scope again.
 */
export async function replaceScope(
  scope: string,
  expected: ScopeRollups,
  guard?: { digest: string; details: boolean },
): Promise<boolean> {
  if (guard && digest(canonical(await storedRollups(scope, guard.details)), guard.details) !== guard.digest) return false;
  await HoursRollup.deleteMany({ scope });
  await RollupMember.deleteMany({ scope });
  await RollupBoard.deleteMany({ scope });
  await writeScope(scope, expected);
  return true;
}

async function writeScope(scope: string, expected: ScopeRollups): Promise<void> {
  const c = canonical(expected);
  const months = [...expected.months].filter(([p]) => c.months.has(p));
  await insertAll(HoursRollup.collection, months.map(([period, m]) => ({ scope, period, ...m, firstVol: nonZero(m.firstVol), firstAct: nonZero(m.firstAct) })));
  await insertAll(
    RollupMember.collection,
    [...expected.members].map(([key, periods]) => {
      const [kind, ref] = key.split('|');
      return { scope, kind, ref: new Types.ObjectId(ref), periods: nonZero(periods) };
    }),
  );
  await insertAll(
    RollupBoard.collection,
    [...expected.boards].map(([key, minutes]) => {
      const [period, user] = key.split('|');
      return { scope, period, board: boardKey(scope, period), user: new Types.ObjectId(user), minutes };
    }),
  );
}

async function insertAll(coll: { insertMany(docs: object[], o: object): Promise<unknown> }, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 5000) await coll.insertMany(docs.slice(i, i + 5000), { ordered: false });
}

/** Rebuilds every scope from the ledger (the scale seeder, tests that write the ledger directly). */
export async function rebuildHoursRollups(): Promise<{ scopes: number }> {
  const expected = await expectedRollups();
  await HoursRollup.deleteMany({});
  await RollupMember.deleteMany({});
  await RollupBoard.deleteMany({});
  for (const [scope, s] of expected) await writeScope(scope, s);
  return { scopes: expected.size };
}
