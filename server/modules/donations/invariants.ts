/**
 * Donations' invariants (checked by `npm run check:invariants` and the periodic repair): a
 * project's totals equal its ledger (raised = Σ donations, refunded = Σ refunds, disbursed =
 * Σ disbursements, fees = Σ fees, so the balance is paid − refunded − disbursed − fees), and
 * every paid order has exactly its donation entry. All of these move in one unit of work, so a
 * violation means something wrote around the commands: the fix resets the total to the ledger.
 */
import { registerInvariants, type Invariant, type Violation } from '../../platform/invariants';
import { DonationOrder, LedgerEntry, Project, type LedgerKind } from './model';

const FIELD: Record<LedgerKind, 'raisedFen' | 'refundedFen' | 'disbursedFen' | 'feeFen'> = {
  donation: 'raisedFen',
  refund: 'refundedFen',
  disbursement: 'disbursedFen',
  fee: 'feeFen',
};

const projectTotals: Invariant = {
  name: 'donations-project-totals',
  check: async () => {
    const sums = await LedgerEntry.aggregate<{ _id: { project: unknown; kind: LedgerKind }; fen: number }>([
      { $group: { _id: { project: '$project', kind: '$kind' }, fen: { $sum: '$amountFen' } } },
    ]);
    const byProject = new Map<string, Record<string, number>>();
    for (const s of sums) {
      const key = String(s._id.project);
      byProject.set(key, { ...(byProject.get(key) ?? {}), [FIELD[s._id.kind]]: s.fen });
    }
    const out: Violation[] = [];
    for (const p of await Project.find({}, { raisedFen: 1, refundedFen: 1, disbursedFen: 1, feeFen: 1 }).lean()) {
      const expected = byProject.get(String(p._id)) ?? {};
      for (const field of Object.values(FIELD)) {
        const want = expected[field] ?? 0;
        const found = p[field] ?? 0;
        if (want === found) continue;
        out.push({
          invariant: 'donations-project-totals',
          subject: `charity_project:${String(p._id)}:${field}`,
          message: `${field} of project ${String(p._id)} is ${found}, the ledger says ${want}`,
          expected: want,
          found,
          fix: async () => void (await Project.updateOne({ _id: p._id, [field]: found }, { $set: { [field]: want } })),
        });
      }
    }
    return out;
  },
};

const paidOrdersInLedger: Invariant = {
  name: 'donations-paid-orders',
  check: async () => {
    const paid = await DonationOrder.find({ status: 'paid' }, { transactionId: 1, amountFen: 1 }).lean();
    const entries = await LedgerEntry.find({ kind: 'donation' }, { key: 1, amountFen: 1 }).lean();
    const ledger = new Map(entries.map((e) => [e.key, e.amountFen]));
    const out: Violation[] = [];
    for (const o of paid) {
      const fen = ledger.get(`tx:${o.transactionId}`);
      if (fen === o.amountFen) continue;
      // No automatic fix: money is put right by a person (reconciliation), never by a guess.
      out.push({ invariant: 'donations-paid-orders', subject: `donation:${String(o._id)}`, message: `paid order ${String(o._id)} has ledger amount ${fen ?? 'none'}, expected ${o.amountFen}`, expected: o.amountFen, found: fen ?? null });
    }
    if (entries.length !== paid.length) {
      out.push({ invariant: 'donations-paid-orders', subject: 'donation-ledger', message: `${entries.length} donation entries for ${paid.length} paid orders`, expected: paid.length, found: entries.length });
    }
    return out;
  },
};

export const donationInvariants: Invariant[] = [projectTotals, paidOrdersInLedger];
registerInvariants(donationInvariants);
