import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { WechatPayError } from '../../../wechat';
import { notifyUrl, usablePayClient } from '../merchants';
import { Charity, DonationOrder, Refund, type DonationOrderDoc, type RefundDoc } from '../model';
import { newOutRefundNo } from '../serial';
import { settleRefund } from './settle';

export type RefundResult =
  | { outcome: 'requested'; refund: RefundDoc; order: DonationOrderDoc }
  | Refusal<'not_paid' | 'exceeds_paid' | 'wechat_rejected' | 'wechat_unavailable'>;

/**
 * A district admin refunds part or all of a paid donation, with a reason (audited).
 *
 * The amount is reserved first by one conditional update on the order (`refundReservedFen` may
 * not pass `amountFen`), together with the refund record and its audit event: concurrent refunds
 * can never exceed what was paid. Then WeChat is asked (outside the transaction). A refusal
 * releases the reservation; an unreachable WeChat leaves the refund processing for the job to
 * query. The money moves in the ledger when WeChat confirms (REFUND.SUCCESS, settle.ts).
 */
export async function requestRefund(
  deps: AppDeps,
  actor: Actor,
  order: DonationOrderDoc,
  input: { amountFen: number; reason: string },
  requestId?: string,
): Promise<RefundResult> {
  if (order.status !== 'paid') return { outcome: 'not_paid' };
  // Checked before anything is reserved: a key that is not the certificate's never reaches WeChat,
  // so it must not be recorded as WeChat refusing the refund.
  const charity = await Charity.findById(order.charity).lean();
  const client = charity && usablePayClient(deps, charity);
  if (!client) return { outcome: 'wechat_unavailable' };
  const now = deps.now();
  const reserved = await inUnitOfWork(deps, async (uow) => {
    const held = await DonationOrder.findOneAndUpdate(
      { _id: order._id, status: 'paid', refundReservedFen: { $lte: order.amountFen - input.amountFen } },
      { $inc: { refundReservedFen: input.amountFen } },
      { returnDocument: 'after' },
    ).lean();
    if (!held) return null;
    const [refund] = await Refund.create([
      { outRefundNo: newOutRefundNo(now), order: order._id, project: order.project, amountFen: input.amountFen, reason: input.reason, status: 'processing', requestedBy: new Types.ObjectId(actor.userId), createdAt: now },
    ]);
    const id = String(order._id);
    uow.emit({
      type: 'donation.refund_requested',
      aggregate: `donation:${id}`,
      payload: { id, refundId: String(refund._id), amountFen: input.amountFen },
      audit: { actor: auditActor(actor), action: 'donation.refund', target: { type: 'donation', id }, before: { refundReservedFen: order.refundReservedFen }, after: { amountFen: input.amountFen, reason: input.reason, outRefundNo: refund.outRefundNo }, requestId },
    });
    return { refund: refund.toObject(), order: held };
  });
  if (!reserved) return { outcome: 'exceeds_paid' };

  try {
    const r = await client.refund({
      outTradeNo: order.outTradeNo,
      outRefundNo: reserved.refund.outRefundNo,
      refundFen: input.amountFen,
      totalFen: order.amountFen,
      reason: input.reason,
      notifyUrl: notifyUrl(deps),
    });
    if (r.status === 'SUCCESS' || r.status === 'CLOSED' || r.status === 'ABNORMAL') {
      await settleRefund(deps, reserved.refund, { refundId: r.refund_id, status: r.status, at: r.success_time ? new Date(r.success_time) : now });
    } else {
      await Refund.updateOne({ _id: reserved.refund._id }, { $set: { refundId: r.refund_id } });
    }
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    if (err.kind === 'unavailable') return { outcome: 'wechat_unavailable' };
    await settleRefund(deps, reserved.refund, { refundId: '', status: 'CLOSED', at: now });
    deps.logger.warn({ err: err.message, outRefundNo: reserved.refund.outRefundNo }, 'WeChat Pay refused the refund');
    return { outcome: 'wechat_rejected' };
  }
  const refund = (await Refund.findById(reserved.refund._id).lean())!;
  const fresh = (await DonationOrder.findById(order._id).lean())!;
  return { outcome: 'requested', refund, order: fresh };
}
