import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { Disbursement, DonationImage, LedgerEntry, Project, type DisbursementDoc, type ProjectDoc } from '../model';

/**
 * A district admin records money the charity paid out of the project, with proof images. The
 * project's totals are guarded on the values the balance was computed from, so two disbursements
 * (or a refund settling meanwhile) cannot together overdraw it: the loser sees `conflict`.
 */
export async function recordDisbursement(
  deps: AppDeps,
  actor: Actor,
  project: ProjectDoc,
  input: { amountFen: number; purpose: string; proofImageIds: string[]; disbursedAt: Date },
  requestId?: string,
): Promise<{ outcome: 'recorded'; disbursement: DisbursementDoc } | Refusal<'exceeds_balance' | 'proof_not_found' | 'conflict'>> {
  const proofs = input.proofImageIds.map((id) => new Types.ObjectId(id));
  if ((await DonationImage.countDocuments({ _id: { $in: proofs }, purpose: 'proof' })) !== new Set(input.proofImageIds).size) return { outcome: 'proof_not_found' };
  const balance = project.raisedFen - project.refundedFen - project.disbursedFen - project.feeFen;
  if (input.amountFen > balance) return { outcome: 'exceeds_balance' };
  return inUnitOfWork(deps, async (uow) => {
    const moved = await Project.updateOne(
      { _id: project._id, raisedFen: project.raisedFen, refundedFen: project.refundedFen, disbursedFen: project.disbursedFen, feeFen: project.feeFen },
      { $inc: { disbursedFen: input.amountFen } },
    );
    if (moved.modifiedCount !== 1) return uow.rollback({ outcome: 'conflict' as const });
    const [d] = await Disbursement.create([
      { project: project._id, amountFen: input.amountFen, purpose: input.purpose, proofImages: proofs, disbursedAt: input.disbursedAt, recordedBy: new Types.ObjectId(actor.userId), createdAt: deps.now() },
    ]);
    await LedgerEntry.insertMany([{ key: `disb:${String(d._id)}`, kind: 'disbursement', project: project._id, amountFen: input.amountFen, purpose: input.purpose, proofImages: proofs, at: input.disbursedAt }]);
    const id = String(project._id);
    uow.emit({
      type: 'charity_project.disbursed',
      aggregate: `charity_project:${id}`,
      payload: { id, disbursementId: String(d._id), amountFen: input.amountFen },
      audit: { actor: auditActor(actor), action: 'charity_project.disburse', target: { type: 'charity_project', id }, after: { amountFen: input.amountFen, purpose: input.purpose }, requestId },
    });
    return { outcome: 'recorded' as const, disbursement: d.toObject() };
  });
}
