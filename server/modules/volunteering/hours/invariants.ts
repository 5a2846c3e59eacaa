/**
 * Hours' invariant (see server/platform/invariants.ts for how invariants are checked and repaired after a
 * crash). Entries recorded outside a unit of work (check-out, self-report) move their totals in a
 * second write; the ledger is the truth.
 */
import { registerInvariants, type Invariant } from '../../../platform/invariants';
import { Volunteer } from '../volunteers';
import { reconcileHours } from './commands/reconcile-hours';
import { HoursTotal, type TTotalKind } from './model';

/** Running hours totals ⇔ the ledger (reconcileHours computes both sides). */
const hoursTotals: Invariant = {
  name: 'hours-totals',
  check: async () => {
    const report = await reconcileHours({ fix: false });
    return report.mismatches.map((m) => {
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
            await Volunteer.updateOne({ user: m.userId, [field]: m.found === 0 ? { $in: [0, null] } : m.found }, { $set: { [field]: m.expected } });
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
