import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { PaymentAnomaly, type PaymentAnomalyDoc } from '../model';
import { donorDisplayName } from '../queries';

/**
 * A district admin marks a payment anomaly 已处理 with a note (refunded at WeChat, matched by hand,
 * …). Set once, guarded on it not being handled yet, so two admins cannot both claim it; audited.
 */
export async function markAnomalyHandled(
  deps: AppDeps,
  actor: Actor,
  anomaly: PaymentAnomalyDoc,
  note: string,
  requestId?: string,
): Promise<{ outcome: 'handled'; anomaly: PaymentAnomalyDoc } | Refusal<'already_handled'>> {
  // The handler's name is kept on the row: the list shows who handled it without a lookup per row.
  const name = (await donorDisplayName(new Types.ObjectId(actor.userId))) ?? '管理员';
  return inUnitOfWork(deps, async (uow) => {
    const now = deps.now();
    const updated = await PaymentAnomaly.findOneAndUpdate(
      { _id: anomaly._id, handledAt: { $exists: false } },
      { $set: { handledAt: now, handledBy: actor.userId, handledByName: name, handledNote: note } },
      { returnDocument: 'after' },
    ).lean<PaymentAnomalyDoc>();
    if (!updated) return { outcome: 'already_handled' as const };
    const id = String(anomaly._id);
    uow.emit({
      type: 'donation.anomaly_handled',
      aggregate: `donation_anomaly:${anomaly.notificationId}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'donation.anomaly_handle', target: { type: 'donation_anomaly', id }, after: { note, outTradeNo: anomaly.outTradeNo ?? null }, requestId },
    });
    return { outcome: 'handled' as const, anomaly: updated };
  });
}
