/**
 * Hours' invariant (see server/platform/invariants.ts for how invariants are checked and repaired after a
 * crash). Every write to the ledger and its totals runs in a unit of work today, so a crash
 * cannot split them; the invariant stays as the net for anything else (a raw write, a bug).
 *
 * Cheap by design: a full pass (the whole ledger) runs when asked for everything
 * (`check:invariants`), on a process's first pass (the repair at start) and every
 * FULL_EVERY_MS; the passes in between (every 10 s) check only the volunteers and teams whose
 * entries were added since the previous pass (ids are time-ordered; SLACK_MS covers clock skew
 * between processes and transactions still open then) plus those with a violation seen last
 * time, so a violation is looked at again until it is repaired or gone.
 */
import { Types } from 'mongoose';
import type { TReconcileReportDto } from '@shared/schemas/volunteering/hours';
import { registerInvariants, type Invariant } from '../../../platform/invariants';
import { repairVolunteerMinutes } from '../volunteers';
import { reconcileHours } from './commands/reconcile-hours';
import { HoursEntry, HoursTotal, type TTotalKind } from './model';

export const FULL_EVERY_MS = 5 * 60_000;
const SLACK_MS = 60_000;

/** What the previous pass of this process saw: its time, and whom its violations concerned. */
const last = { fullAt: 0, passAt: 0, users: new Set<string>(), teams: new Set<string>() };

/** Forget the previous passes (tests): the next check is a full one. */
export function resetHoursInvariantPasses(): void {
  Object.assign(last, { fullAt: 0, passAt: 0, users: new Set<string>(), teams: new Set<string>() });
}

async function report(scope: 'all' | 'live'): Promise<TReconcileReportDto> {
  const started = Date.now();
  const full = scope === 'all' || last.passAt === 0 || started - last.fullAt >= FULL_EVERY_MS;
  let result: TReconcileReportDto;
  if (full) {
    result = await reconcileHours({ fix: false });
    last.fullAt = started;
  } else {
    const since = Types.ObjectId.createFromTime(Math.floor((last.passAt - SLACK_MS) / 1000));
    const added = await HoursEntry.find({ _id: { $gte: since } }, { user: 1, team: 1 }).lean();
    const users = new Set([...last.users, ...added.map((e) => String(e.user))]);
    const teams = new Set([...last.teams, ...added.map((e) => String(e.team))]);
    result =
      users.size + teams.size === 0
        ? { entriesScanned: 0, totalsChecked: 0, mismatches: [], fixed: 0 }
        : await reconcileHours({
            fix: false,
            only: { users: [...users].map((u) => new Types.ObjectId(u)), teams: [...teams].map((t) => new Types.ObjectId(t)) },
          });
  }
  last.passAt = started;
  last.users = new Set(result.mismatches.flatMap((m) => (m.userId ? [m.userId] : [])));
  last.teams = new Set(result.mismatches.flatMap((m) => (m.teamId ? [m.teamId] : [])));
  return result;
}

/** Running hours totals ⇔ the ledger (reconcileHours computes both sides). */
const hoursTotals: Invariant = {
  name: 'hours-totals',
  check: async ({ scope }) => {
    const { mismatches } = await report(scope);
    return mismatches.map((m) => {
      const subject = `hours:${m.kind}:${m.teamId ?? '-'}:${m.userId ?? '-'}:${m.field}`;
      return {
        invariant: 'hours-totals',
        subject,
        message: `${m.field} of ${m.kind} total (team ${m.teamId ?? '-'}, user ${m.userId ?? '-'}) is ${m.found}, the ledger says ${m.expected}`,
        expected: m.expected,
        found: m.found,
        fix: async () => {
          if (m.field.startsWith('volunteer.')) {
            const field = m.field.slice('volunteer.'.length);
            await repairVolunteerMinutes(m.userId, field, m.found, m.expected);
            return;
          }
          const filter = { kind: m.kind as TTotalKind, team: m.teamId, user: m.userId };
          const exists = await HoursTotal.exists(filter);
          if (!exists) await HoursTotal.updateOne(filter, { $setOnInsert: { confirmedMinutes: 0, pendingMinutes: 0 } }, { upsert: true });
          await HoursTotal.updateOne({ ...filter, [m.field]: m.found }, { $set: { [m.field]: m.expected } });
        },
      };
    });
  },
};

export const hoursInvariants: Invariant[] = [hoursTotals];

registerInvariants(hoursInvariants);
