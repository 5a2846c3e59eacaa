/**
 * Demo data: a demo charity, two published projects, paid donations, one partial refund and one
 * disbursement, written consistently (ledger = totals) so the public ledger has something to show.
 * The charity's merchant points at the sandbox's key files under LINLI_DATA_DIR/wechat-sandbox/
 * (`npm run sandbox` keeps them there); paying in dev needs those files.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import type { DemoOrgs } from '../../demo/seed';
import { Charity, Disbursement, DonationOrder, LedgerEntry, Project, ProjectDonor, Refund } from './model';
import { newOutRefundNo, newOutTradeNo, newReceiptSerial } from './serial';

const DEMO_USCC = '53460000MJ00000DM1';
const DAY = 86_400_000;

/** The serial of the sandbox's merchant certificate (server/main.ts keeps it in `dir`); a placeholder without one. */
function sandboxMerchantSerial(dir: string): string {
  try {
    return new X509Certificate(readFileSync(path.join(dir, 'apiclient_cert.pem'))).serialNumber.toUpperCase();
  } catch {
    return '0000000000000000';
  }
}

export async function seedDonationsDemo(deps: AppDeps, orgs: DemoOrgs): Promise<void> {
  const keys = path.resolve(deps.config.LINLI_DATA_DIR, 'wechat-sandbox');
  const serialNo = sandboxMerchantSerial(keys);
  const existing = await Charity.findOne({ uscc: DEMO_USCC }, { merchant: 1 }).lean();
  if (existing) {
    // A data folder whose sandbox keys were made after the demo was seeded (or seeded before the
    // merchant certificate was asked for): follow the keys.
    const certPath = path.join(keys, 'apiclient_cert.pem');
    if (existing.merchant.serialNo !== serialNo || existing.merchant.certPath !== certPath) {
      await Charity.updateOne({ _id: existing._id, 'merchant.serialNo': existing.merchant.serialNo }, { $set: { 'merchant.serialNo': serialNo, 'merchant.certPath': certPath }, $inc: { version: 1 } });
    }
    return;
  }
  const now = deps.now();
  const admin = Object.values(orgs.staff)[0] ?? new Types.ObjectId();
  // Two seeds at once: the unique USCC lets one of them in; the other stops here.
  const charity = await Charity.create({
    name: '海口市美兰区慈善会（演示）',
    uscc: DEMO_USCC,
    filingNumber: '琼民公募备〔2026〕演示001号',
    merchant: { mchId: '1900000109', serialNo, privateKeyPath: path.join(keys, 'apiclient_key.pem'), certPath: path.join(keys, 'apiclient_cert.pem'), apiV3KeyRef: 'env:WECHAT_PAY_APIV3_KEY', platformCertPath: path.join(keys, 'platform_cert.pem'), feeRateBp: 60 },
    createdAt: now,
    version: 1,
  }).catch((err: unknown) => {
    if ((err as { code?: number }).code === 11000) return null;
    throw err;
  });
  if (!charity) return;
  const project = async (title: string, story: string, goalFen: number) =>
    Project.create({ charity: charity._id, title, story, goalFen, startAt: new Date(now.getTime() - 10 * DAY), endAt: new Date(now.getTime() + 50 * DAY), status: 'published', publishedAt: now, createdBy: admin, createdAt: now });
  const lunch = await project('山区小学营养午餐', '为美兰区周边 3 所小学的 120 名孩子提供一学期的营养午餐，每餐 8 元。', 50_000_00);
  await project('社区长者助餐点', '为独居长者提供每周 5 天的助餐服务，所需资金用于餐费补贴与送餐志愿者保险。', 30_000_00);

  const donors = Object.values(orgs.residents);
  const gifts = [
    { fen: 100_00, anonymous: false, message: '一点心意' },
    { fen: 50_00, anonymous: true, message: undefined },
    { fen: 200_00, anonymous: false, message: '加油！' },
  ];
  let raised = 0;
  let fees = 0;
  const paid = [];
  for (const [i, g] of gifts.entries()) {
    const at = new Date(now.getTime() - (5 - i) * DAY);
    const donor = donors[i % Math.max(1, donors.length)] ?? null;
    const transactionId = `4200DEMO${String(i).padStart(6, '0')}${at.getTime()}`.slice(0, 28);
    const order = await DonationOrder.create({
      outTradeNo: newOutTradeNo(at), project: lunch._id, charity: charity._id, mchId: '1900000109', appId: deps.config.WECHAT_APP_ID, donor,
      donorMasked: g.anonymous ? '爱心人士' : '居*演', amountFen: g.fen, message: g.message, anonymous: g.anonymous, channel: 'jsapi', status: 'paid',
      transactionId, paidAt: at, receiptSerial: newReceiptSerial(at), createdAt: at,
    });
    const fee = Math.round((g.fen * 60) / 10_000);
    await LedgerEntry.insertMany([
      { key: `tx:${transactionId}`, kind: 'donation', project: lunch._id, order: order._id, amountFen: g.fen, donorMasked: order.donorMasked, message: g.message, at },
      { key: `fee:${transactionId}`, kind: 'fee', project: lunch._id, order: order._id, amountFen: fee, at },
    ]);
    if (donor) await ProjectDonor.updateOne({ project: lunch._id, donor }, { $setOnInsert: { firstAt: at } }, { upsert: true });
    raised += g.fen;
    fees += fee;
    paid.push(order);
  }
  const refundFen = 20_00;
  const refundedOrder = paid[2];
  const refundAt = new Date(now.getTime() - 1 * DAY);
  const refund = await Refund.create({ outRefundNo: newOutRefundNo(refundAt), order: refundedOrder._id, project: lunch._id, amountFen: refundFen, reason: '捐赠人误操作，申请部分退款', status: 'succeeded', refundId: `5030DEMO${refundAt.getTime()}`, requestedBy: admin, createdAt: refundAt, succeededAt: refundAt });
  await DonationOrder.updateOne({ _id: refundedOrder._id }, { $set: { refundReservedFen: refundFen, refundedFen: refundFen } });
  await LedgerEntry.create({ key: `refund:${refund.refundId}`, kind: 'refund', project: lunch._id, order: refundedOrder._id, amountFen: refundFen, purpose: refund.reason, at: refundAt });
  const disbursedFen = 150_00;
  const disb = await Disbursement.create({ project: lunch._id, amountFen: disbursedFen, purpose: '第一批午餐食材采购', proofImages: [], disbursedAt: now, recordedBy: admin, createdAt: now });
  await LedgerEntry.create({ key: `disb:${String(disb._id)}`, kind: 'disbursement', project: lunch._id, amountFen: disbursedFen, purpose: disb.purpose, proofImages: [], at: now });
  const donorCount = await ProjectDonor.countDocuments({ project: lunch._id });
  await Project.updateOne({ _id: lunch._id }, { $set: { raisedFen: raised, feeFen: fees, refundedFen: refundFen, disbursedFen, donationCount: gifts.length, donorCount } });
}
