import type { Types } from 'mongoose';
import type { TReconcileReportDto } from '@shared/schemas/volunteering/hours';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { setVolunteerMinutes, volunteerMinutes } from '../../volunteers';
import { HoursEntry, HoursTotal, type TTotalKind } from '../model';

interface Sums {
  kind: TTotalKind;
  team: Types.ObjectId | null;
  user: Types.ObjectId | null;
  confirmedMinutes: number;
  pendingMinutes: number;
}

const keyOf = (kind: string, team: unknown, user: unknown) =>
  `${kind}:${team ? String(team) : '-'}:${user ? String(user) : '-'}`;

/** Part of the ledger to reconcile: these volunteers' totals (every team) and these teams' totals. */
export interface ReconcileScope {
  users: Types.ObjectId[];
  teams: Types.ObjectId[];
}

/**
 * Recomputes every running total from the ledger (streamed, so memory grows with the
 * number of volunteers, not entries) and compares. With `fix`, wrong totals are set to the
 * ledger's values. The ledger is the truth; totals are a cache of it. Run it after a crash,
 * from the admin endpoint, or on a schedule; in a quiet system it reports no mismatches.
 * With `only`, just the totals of those volunteers (volunteer and team-member totals, in
 * those teams for the latter) and of those teams are checked, from their entries alone: the
 * cheap pass of the periodic invariant (hours/invariants.ts).
 */
export async function reconcileHours(opts: { fix: boolean; only?: ReconcileScope }): Promise<TReconcileReportDto> {
  const { only } = opts;
  const users = new Set(only?.users.map(String));
  const teams = new Set(only?.teams.map(String));
  const inScope = (kind: TTotalKind, team: unknown, user: unknown): boolean =>
    !only ||
    (kind === 'volunteer' && users.has(String(user))) ||
    (kind === 'team' && teams.has(String(team))) ||
    (kind === 'team_member' && users.has(String(user)) && teams.has(String(team)));
  const expected = new Map<string, Sums>();
  const add = (kind: TTotalKind, team: Types.ObjectId | null, user: Types.ObjectId | null, c: number, p: number) => {
    if (!inScope(kind, team, user)) return;
    const key = keyOf(kind, team, user);
    const sums = expected.get(key) ?? { kind, team, user, confirmedMinutes: 0, pendingMinutes: 0 };
    sums.confirmedMinutes += c;
    sums.pendingMinutes += p;
    expected.set(key, sums);
  };
  let entriesScanned = 0;
  const cursor = HoursEntry.find(
    {
      status: { $in: ['pending', 'confirmed'] },
      ...(only ? { $or: [{ user: { $in: only.users } }, { team: { $in: only.teams } }] } : {}),
    },
    { user: 1, team: 1, minutes: 1, status: 1 },
  )
    .lean()
    .cursor({ batchSize: 5000 });
  for await (const e of cursor) {
    entriesScanned += 1;
    const c = e.status === 'confirmed' ? e.minutes : 0;
    const p = e.status === 'pending' ? e.minutes : 0;
    add('volunteer', null, e.user, c, p);
    add('team', e.team, null, c, p);
    add('team_member', e.team, e.user, c, p);
  }

  const mismatches: TReconcileReportDto['mismatches'] = [];
  const note = (s: Sums, field: string, exp: number, found: number) =>
    mismatches.push({
      kind: s.kind,
      teamId: s.team ? String(s.team) : null,
      userId: s.user ? String(s.user) : null,
      field,
      expected: exp,
      found,
    });

  const seen = new Set<string>();
  let totalsChecked = 0;
  const totalsFilter = only
    ? {
        $or: [
          { kind: 'volunteer' as const, team: null, user: { $in: only.users } },
          { kind: 'team' as const, team: { $in: only.teams }, user: null },
          { kind: 'team_member' as const, team: { $in: only.teams }, user: { $in: only.users } },
        ],
      }
    : {};
  for await (const t of HoursTotal.find(totalsFilter).lean().cursor({ batchSize: 5000 })) {
    totalsChecked += 1;
    const key = keyOf(t.kind, t.team, t.user);
    seen.add(key);
    const exp = expected.get(key) ?? {
      kind: t.kind,
      team: t.team,
      user: t.user,
      confirmedMinutes: 0,
      pendingMinutes: 0,
    };
    if (exp.confirmedMinutes !== t.confirmedMinutes)
      note(exp, 'confirmedMinutes', exp.confirmedMinutes, t.confirmedMinutes);
    if (exp.pendingMinutes !== t.pendingMinutes) note(exp, 'pendingMinutes', exp.pendingMinutes, t.pendingMinutes);
  }
  for (const [key, exp] of expected) {
    if (seen.has(key) || (exp.confirmedMinutes === 0 && exp.pendingMinutes === 0)) continue;
    note(exp, 'confirmedMinutes', exp.confirmedMinutes, 0);
    if (exp.pendingMinutes !== 0) note(exp, 'pendingMinutes', exp.pendingMinutes, 0);
  }

  // Volunteer profiles mirror the per-volunteer totals.
  for await (const v of volunteerMinutes(only?.users)) {
    const exp = expected.get(keyOf('volunteer', null, v.user)) ?? {
      kind: 'volunteer' as const,
      team: null,
      user: v.user,
      confirmedMinutes: 0,
      pendingMinutes: 0,
    };
    if ((v.confirmedMinutes ?? 0) !== exp.confirmedMinutes)
      note({ ...exp }, 'volunteer.confirmedMinutes', exp.confirmedMinutes, v.confirmedMinutes ?? 0);
    const expTotal = exp.confirmedMinutes + exp.pendingMinutes;
    if ((v.totalMinutes ?? 0) !== expTotal) note({ ...exp }, 'volunteer.totalMinutes', expTotal, v.totalMinutes ?? 0);
  }

  let fixed = 0;
  if (opts.fix && mismatches.length > 0) {
    const touched = new Set(mismatches.map((m) => keyOf(m.kind, m.teamId, m.userId)));
    for (const [key, exp] of expected) {
      if (!touched.has(key)) continue;
      await HoursTotal.updateOne(
        { kind: exp.kind, team: exp.team, user: exp.user },
        { $set: { confirmedMinutes: exp.confirmedMinutes, pendingMinutes: exp.pendingMinutes } },
        { upsert: true },
      );
      if (exp.kind === 'volunteer') {
        await setVolunteerMinutes(exp.user, exp.confirmedMinutes, exp.confirmedMinutes + exp.pendingMinutes);
      }
      fixed += 1;
    }
    // Totals with no ledger entries behind them go back to zero.
    for (const m of mismatches) {
      const key = keyOf(m.kind, m.teamId, m.userId);
      if (expected.has(key)) continue;
      const filter = { kind: m.kind as TTotalKind, team: m.teamId, user: m.userId };
      if (m.field.startsWith('volunteer.')) {
        await setVolunteerMinutes(m.userId, 0, 0);
      } else {
        await HoursTotal.updateOne(filter, { $set: { confirmedMinutes: 0, pendingMinutes: 0 } });
      }
      fixed += 1;
    }
  }
  return { entriesScanned, totalsChecked, mismatches, fixed };
}

/**
 * A district admin's repair: reconcileHours with `fix`, and, when anything was fixed, the audited
 * `hours.reconciled` event, in one unit of work (the corrected totals and their audit entry
 * commit together; a write conflict with a confirmation in flight reruns the whole pass).
 */
export function fixHoursTotals(deps: AppDeps, actor: Actor, requestId?: string): Promise<TReconcileReportDto> {
  return inUnitOfWork(deps, async (uow) => {
    const report = await reconcileHours({ fix: true });
    if (report.fixed > 0) {
      uow.emit({
        type: 'hours.reconciled',
        aggregate: 'hours:totals',
        payload: { fixed: report.fixed },
        audit: {
          actor: auditActor(actor),
          action: 'hours.reconcile_fix',
          target: { type: 'hours_totals', id: 'all' },
          after: { fixed: report.fixed, mismatches: report.mismatches.slice(0, 50) },
          requestId,
        },
      });
    }
    return report;
  });
}
