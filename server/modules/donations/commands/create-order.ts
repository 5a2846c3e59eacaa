import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import { DONATION_LIMITS, ZDonateInput } from '@shared/schemas/donations';
import type { z } from 'zod';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { WechatPayError } from '../../../wechat';
import { checkText } from '../../content';
import { maskName } from '../../realname';
import { holdForReview } from '../../review';
import { findContact } from '../../users';
import { notifyUrl, payClientFor } from '../merchants';
import { Charity, DonationOrder, Project, type DonationOrderDoc, type PrepayDoc } from '../model';
import { MESSAGE_REVIEW_KIND } from '../review';
import { newOutTradeNo } from '../serial';

type DonateIn = z.output<typeof ZDonateInput>;

export type CreateOrderResult =
  | { outcome: 'created' | 'replayed'; order: DonationOrderDoc; prepay: PrepayDoc }
  | Refusal<'project_not_found' | 'project_not_open' | 'openid_required' | 'wechat_unavailable' | 'key_reused'>
  | { outcome: 'content_risky'; fields: TFieldError[] };

const isDuplicate = (e: unknown) => (e as { code?: number })?.code === 11000;

/**
 * A donation order with our own out_trade_no, then its prepay (JSAPI with the signed
 * wx.requestPayment parameters, or Native with the code_url for the H5 QR code).
 *
 * Idempotent per attempt: the Idempotency-Key is stored on the order (unique per donor), so a
 * retry finds the same order. Its prepay is reused while it lives (2 h, as WeChat's prepay_id);
 * after that the retry asks WeChat again for the same out_trade_no (DECISIONS "Donations").
 * WeChat is called outside any transaction; a failure leaves a pending order without a prepay,
 * which the retry completes and the close job closes if nobody does.
 */
export async function createOrder(
  deps: AppDeps,
  input: { donorId: string; projectId: string; body: DonateIn; clientKey?: string },
): Promise<CreateOrderResult> {
  const now = deps.now();
  const donor = new Types.ObjectId(input.donorId);
  let order = input.clientKey ? await DonationOrder.findOne({ donor, clientKey: input.clientKey }).lean() : null;
  if (order && (String(order.project) !== input.projectId || order.amountFen !== input.body.amountFen || order.channel !== input.body.channel)) {
    return { outcome: 'key_reused' };
  }
  const project = await Project.findById(order?.project ?? new Types.ObjectId(input.projectId)).lean();
  if (!project) return { outcome: 'project_not_found' };
  const charity = await Charity.findById(project.charity).lean();
  if (!charity) return { outcome: 'project_not_found' };
  const user = await findContact(donor);
  if (input.body.channel === 'jsapi' && !user?.openid) return { outcome: 'openid_required' };

  if (!order) {
    if (project.status !== 'published' || now < project.startAt || now > project.endAt) return { outcome: 'project_not_open' };
    const message = input.body.message?.trim() || undefined;
    // Public text: risky is refused (422 at `message`); 'review' holds it until a person decides.
    const checked = message ? await checkText(deps, { openid: user?.openid, fields: { message }, scene: 'comment' }) : { outcome: 'pass' as const };
    if (checked.outcome === 'content_risky') return checked;
    const verdict = checked.outcome;
    try {
      [order] = await DonationOrder.create([
        {
          outTradeNo: newOutTradeNo(now),
          project: project._id,
          charity: charity._id,
          mchId: charity.merchant.mchId,
          appId: deps.config.WECHAT_APP_ID,
          donor,
          donorMasked: input.body.anonymous ? '爱心人士' : maskName(user?.displayName || '爱心人士'),
          amountFen: input.body.amountFen,
          message,
          messageVisible: verdict === 'pass',
          anonymous: input.body.anonymous ?? false,
          channel: input.body.channel,
          status: 'pending',
          clientKey: input.clientKey,
          createdAt: now,
        },
      ]).then((docs) => docs.map((d) => d.toObject()));
    } catch (err) {
      if (!isDuplicate(err) || !input.clientKey) throw err;
      return createOrder(deps, input); // the same attempt arrived twice at once: take the first one's order
    }
    if (message && verdict === 'review') {
      await holdForReview(deps, {
        kind: MESSAGE_REVIEW_KIND,
        ref: String(order!._id),
        title: `捐赠留言：${project.title}`,
        text: message,
        author: { userId: input.donorId, nameMasked: order!.donorMasked },
      });
    }
  } else if (order.status !== 'pending') {
    return { outcome: 'replayed', order, prepay: order.prepay ?? { expiresAt: order.createdAt } };
  }
  const current = order!;
  if (current.prepay?.expiresAt && current.prepay.expiresAt > now) return { outcome: 'replayed', order: current, prepay: current.prepay };

  const description = `捐赠-${project.title}`.slice(0, 40);
  const expiresAt = new Date(now.getTime() + DONATION_LIMITS.prepayTtlMs);
  let prepay: PrepayDoc;
  try {
    // Inside the try: a merchant whose key is not its certificate's has no client (MerchantKeyMismatch).
    const client = payClientFor(deps, charity);
    if (current.channel === 'jsapi') {
      const r = await client.jsapiPrepay({ description, outTradeNo: current.outTradeNo, amountFen: current.amountFen, openid: user!.openid!, notifyUrl: notifyUrl(deps) });
      prepay = { prepayId: r.prepayId, payParams: r.payParams, expiresAt };
    } else {
      const r = await client.nativePrepay({ description, outTradeNo: current.outTradeNo, amountFen: current.amountFen, notifyUrl: notifyUrl(deps) });
      prepay = { codeUrl: r.codeUrl, expiresAt };
    }
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    deps.logger.warn({ err: err.message, kind: err.kind, outTradeNo: current.outTradeNo }, 'WeChat Pay prepay failed');
    return { outcome: 'wechat_unavailable' };
  }
  const saved = await DonationOrder.findOneAndUpdate({ _id: current._id, status: 'pending' }, { $set: { prepay } }, { returnDocument: 'after' }).lean();
  return { outcome: current.prepay ? 'replayed' : 'created', order: saved ?? current, prepay };
}
