/**
 * Applying what WeChat Pay confirmed: a payment, a refund, or a verified message that does not
 * match our records. Each is one unit of work, and each is idempotent on WeChat's own ids.
 */
import { appLinks } from '@shared/links';
import type { AppDeps } from '../../../deps';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import type { Notice } from '../../notifications';
import { activeUserIdsWithRole } from '../../users';
import { DonationOrder, LedgerEntry, PaymentAnomaly, Project, ProjectDonor, Refund, type CharityDoc, type DonationOrderDoc, type PaymentAnomalyDoc, type RefundDoc } from '../model';
import { newReceiptSerial } from '../serial';

export type SettleOutcome = { outcome: 'paid' | 'refunded' | 'refund_failed' | 'duplicate' } | { outcome: 'conflict'; detail: string };

/**
 * Marks the order paid exactly once and writes its ledger entries (the donation and WeChat's
 * fee) and the project's totals in the same transaction. The guarded update (pending/closed →
 * paid) and the unique ledger key `tx:<transaction_id>` make a redelivered or concurrent
 * notification a `duplicate` that changes nothing. A closed order WeChat says was paid is paid:
 * the money arrived.
 */
export function markPaid(deps: AppDeps, order: DonationOrderDoc, transactionId: string, paidAt: Date, charity: Pick<CharityDoc, 'merchant'>): Promise<SettleOutcome> {
  return inUnitOfWork(deps, async (uow): Promise<SettleOutcome> => {
    const paid = await DonationOrder.findOneAndUpdate(
      { _id: order._id, status: { $in: ['pending', 'closed'] } },
      { $set: { status: 'paid', transactionId, paidAt, receiptSerial: newReceiptSerial(paidAt) } },
      { returnDocument: 'after' },
    ).lean();
    if (!paid) {
      const now = await DonationOrder.findById(order._id, { transactionId: 1 }).lean();
      if (now?.transactionId === transactionId) return { outcome: 'duplicate' };
      return { outcome: 'conflict', detail: `order already paid by ${now?.transactionId ?? '?'}, WeChat reports ${transactionId}` };
    }
    // The caller has verified the notification with this charity's merchant: no read for its fee rate inside the transaction.
    const fee = Math.round((order.amountFen * (charity.merchant.feeRateBp ?? 0)) / 10_000);
    const entries = [
      { key: `tx:${transactionId}`, kind: 'donation', project: order.project, order: order._id, amountFen: order.amountFen, donorMasked: order.donorMasked, message: order.messageVisible ? order.message : undefined, at: paidAt },
      ...(fee > 0 ? [{ key: `fee:${transactionId}`, kind: 'fee', project: order.project, order: order._id, amountFen: fee, at: paidAt }] : []),
    ];
    await LedgerEntry.insertMany(entries);
    let newDonor = 0;
    if (order.donor) {
      const r = await ProjectDonor.updateOne({ project: order.project, donor: order.donor }, { $setOnInsert: { firstAt: paidAt } }, { upsert: true });
      newDonor = r.upsertedCount ?? 0;
    }
    await Project.updateOne({ _id: order.project }, { $inc: { raisedFen: order.amountFen, feeFen: fee, donationCount: 1, donorCount: newDonor } });
    const id = String(order._id);
    const notices: Notice[] = order.donor
      ? [{ user: String(order.donor), title: '捐赠成功，感谢您的爱心', body: `您的 ${(order.amountFen / 100).toFixed(2)} 元捐赠已到账，可在“我的捐赠”中下载捐赠确认。`, link: appLinks.myDonations(), dedupeKey: `donation_paid:${id}` }]
      : [];
    uow.emit({ type: 'donation.paid', aggregate: `donation:${id}`, payload: { id, projectId: String(order.project), amountFen: order.amountFen, transactionId, notices } });
    return { outcome: 'paid' };
  });
}

/**
 * A refund WeChat settled: succeeded → ledger entry (key `refund:<refund_id>`) and totals move
 * once; closed/abnormal → the reservation on the order is released so it can be refunded again.
 */
export function settleRefund(deps: AppDeps, refund: RefundDoc, result: { refundId: string; status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'; at: Date }): Promise<SettleOutcome> {
  return inUnitOfWork(deps, async (uow): Promise<SettleOutcome> => {
    const ok = result.status === 'SUCCESS';
    const moved = await Refund.findOneAndUpdate(
      { _id: refund._id, status: 'processing' },
      { $set: ok ? { status: 'succeeded', refundId: result.refundId, succeededAt: result.at } : { status: 'failed', refundId: result.refundId, failure: result.status } },
      { returnDocument: 'after' },
    ).lean();
    if (!moved) return { outcome: 'duplicate' };
    if (ok) {
      await LedgerEntry.insertMany([{ key: `refund:${result.refundId}`, kind: 'refund', project: refund.project, order: refund.order, amountFen: refund.amountFen, purpose: refund.reason, at: result.at }]);
      await DonationOrder.updateOne({ _id: refund.order }, { $inc: { refundedFen: refund.amountFen } });
      await Project.updateOne({ _id: refund.project }, { $inc: { refundedFen: refund.amountFen } });
    } else {
      await DonationOrder.updateOne({ _id: refund.order }, { $inc: { refundReservedFen: -refund.amountFen } });
    }
    const id = String(refund._id);
    const order = await DonationOrder.findById(refund.order, { donor: 1 }).lean();
    const notices: Notice[] =
      ok && order?.donor
        ? [{ user: String(order.donor), title: '捐赠退款已原路退回', body: `${(refund.amountFen / 100).toFixed(2)} 元已退回，原因：${refund.reason}`, link: appLinks.myDonations(), dedupeKey: `donation_refund:${id}` }]
        : [];
    uow.emit({ type: ok ? 'donation.refunded' : 'donation.refund_failed', aggregate: `donation:${String(refund.order)}`, payload: { id, amountFen: refund.amountFen, notices } });
    return { outcome: ok ? 'refunded' : 'refund_failed' };
  });
}

/**
 * A genuine (verified) notification that does not match our records. It is acknowledged, so
 * WeChat stops retrying; nothing about the money changes; the order (when there is one) is
 * marked for review and every district admin is told (DECISIONS "Donations"). Recorded once per
 * notification id.
 */
export async function recordAnomaly(
  deps: AppDeps,
  input: { notificationId: string; reason: PaymentAnomalyDoc['reason']; outTradeNo?: string; transactionId?: string; detail: string },
): Promise<void> {
  const admins = await activeUserIdsWithRole('district_admin');
  await inUnitOfWork(deps, async (uow) => {
    const r = await PaymentAnomaly.updateOne(
      { notificationId: input.notificationId },
      { $setOnInsert: { reason: input.reason, outTradeNo: input.outTradeNo, transactionId: input.transactionId, detail: input.detail, at: deps.now() } },
      { upsert: true },
    );
    if (!r.upsertedCount) return;
    if (input.outTradeNo) {
      await DonationOrder.updateOne({ outTradeNo: input.outTradeNo }, { $set: { needsReview: true, reviewReason: input.detail } });
    }
    const notices: Notice[] = admins.map((a) => ({
      user: a,
      title: '支付通知与订单不符，请核查',
      body: `${input.outTradeNo ?? '未知订单'}：${input.detail}`,
      link: appLinks.adminDonations(),
      dedupeKey: `donation_anomaly:${input.notificationId}:${a}`,
    }));
    uow.emit({ type: 'donation.anomaly', aggregate: `donation_anomaly:${input.notificationId}`, payload: { ...input, notices } });
  });
  deps.logger.warn({ ...input }, 'verified WeChat Pay notification does not match our records: marked for review');
}
