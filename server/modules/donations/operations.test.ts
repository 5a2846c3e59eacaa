/**
 * The operations side: the pending-order sweep (a lost notification, an expired prepay),
 * disbursements with proof images, and reconciliation against the sandbox's trade bill.
 * Here PUBLIC_BASE_URL is left unreachable, so WeChat's notifications never arrive.
 */
import sharp from 'sharp';
import type { TOrderCreated, TProjectDto, TReconcileReport } from '@shared/schemas/donations';
import { buildDistrictAdmin, buildResident, createTestContext, type Built, type TestContext } from '../../../test/support';
import { checkInvariants } from '../../platform/invariants';
import { createPayClient } from '../../wechat';
import { sweepPendingPayments } from './jobs';
import { DonationOrder, Project } from './model';
import { createCharity, merchantSettings, publishedProject } from './test-support';

jest.setTimeout(30_000);

let ctx: TestContext;
let admin: Built;
let resident: Built;
let charityId: string;
let project: TProjectDto;
let clock = Date.now();

beforeAll(async () => {
  ctx = await createTestContext({ now: () => new Date(clock) });
  ctx.deps.config.PUBLIC_BASE_URL = 'http://127.0.0.1:9';
  admin = await buildDistrictAdmin(ctx);
  resident = await buildResident(ctx, { displayName: '李四' });
  charityId = (await createCharity(ctx, admin.auth)).id;
  project = await publishedProject(ctx, admin.auth, charityId);
});
afterAll(async () => ctx.close());

const order = async (amountFen: number, channel = 'native'): Promise<TOrderCreated> =>
  (await ctx.http.post(`/api/charity/projects/${project.id}/donations`).set('Authorization', resident.auth).send({ amountFen, channel }).expect(201)).body as TOrderCreated;

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the pending sweep', () => {
  it('when a paid order\'s notification is lost, the sweep queries WeChat and pays it once; when a prepay has expired unpaid, it is closed here and at WeChat', async () => {
    const lost = await order(2500);
    const expired = await order(1500);
    ctx.sandbox.pay.succeed(lost.donation.outTradeNo);
    clock = Date.now() + 6 * 60_000;
    let report = await sweepPendingPayments(ctx.deps);
    expect(report.paid).toBe(1);
    expect((await DonationOrder.findById(lost.donation.id).lean())!.status).toBe('paid');
    expect((await DonationOrder.findById(expired.donation.id).lean())!.status).toBe('pending');
    clock = Date.now() + 3 * 3600_000;
    report = await sweepPendingPayments(ctx.deps);
    expect(report).toMatchObject({ paid: 0, closed: 1 });
    expect((await DonationOrder.findById(expired.donation.id).lean())!.status).toBe('closed');
    expect(ctx.sandbox.pay.orders().find((o) => o.out_trade_no === expired.donation.outTradeNo)?.trade_state).toBe('CLOSED');
    expect(await checkInvariants()).toEqual([]);
    clock = Date.now();
  });
});

describe('disbursements', () => {
  it('when a resident records one it is 403; when the admin records one with a proof image it shows in the ledger and the balance; more than the balance is 409', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const proof = await ctx.http.post('/api/admin/charity/proofs').set('Authorization', admin.auth).set('Content-Type', 'image/jpeg').send(jpeg).expect(201);
    const body = { amountFen: 1000, purpose: '采购午餐食材', proofImageIds: [proof.body.id], disbursedAt: new Date().toISOString() };
    await ctx.http.post(`/api/admin/charity/projects/${project.id}/disbursements`).set('Authorization', resident.auth).send(body).expect(403);
    const p = (await Project.findById(project.id).lean())!;
    const balance = p.raisedFen - p.refundedFen - p.disbursedFen - p.feeFen;
    const tooMuch = await ctx.http.post(`/api/admin/charity/projects/${project.id}/disbursements`).set('Authorization', admin.auth).send({ ...body, amountFen: balance + 1 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('disbursement_exceeds_balance');
    await ctx.http.post(`/api/admin/charity/projects/${project.id}/disbursements`).set('Authorization', admin.auth).send(body).expect(201);
    const ledger = await ctx.http.get(`/api/charity/projects/${project.id}/ledger?kind=disbursement`).expect(200);
    expect(ledger.body.items[0]).toMatchObject({ amountFen: 1000, purpose: '采购午餐食材' });
    expect(ledger.body.totals.balanceFen).toBe(balance - 1000);
    await ctx.http.get(ledger.body.items[0].proofImageUrls[0]).expect(200);
    expect(await checkInvariants()).toEqual([]);
  });
});

describe('reconciliation', () => {
  it('when the trade bill and our records agree there is no difference; a payment only WeChat knows is missing locally, one only we know is missing at WeChat, and a changed amount differs', async () => {
    const url = `/api/admin/charity/reconciliation?charityId=${charityId}&date=${beijingToday()}`;
    await ctx.http.get(url).set('Authorization', resident.auth).expect(403);
    const clean = (await ctx.http.get(url).set('Authorization', admin.auth).expect(200)).body as TReconcileReport;
    expect(clean.differences).toEqual([]);
    expect(clean.wechatCount).toBe(clean.localCount);

    // Paid at WeChat through the merchant's own client, never recorded here.
    const merchant = merchantSettings(ctx);
    const outside = createPayClient({ payBase: ctx.sandbox.url, appId: ctx.sandbox.appId, mchId: merchant.mchId, serialNo: merchant.serialNo, privateKeyPem: ctx.sandbox.pay.merchantPrivateKeyPem, apiV3Key: ctx.sandbox.pay.apiV3Key, platformCertPem: ctx.sandbox.pay.platformCertPem });
    await outside.nativePrepay({ description: '线下', outTradeNo: 'OUTSIDE20261205000001', amountFen: 777, notifyUrl: 'http://127.0.0.1:9/x' });
    ctx.sandbox.pay.succeed('OUTSIDE20261205000001');
    // Recorded paid here, unknown at WeChat.
    const ghost = await order(888);
    await DonationOrder.updateOne({ _id: ghost.donation.id }, { $set: { status: 'paid', transactionId: 'LOCALONLY0001', paidAt: new Date() } });
    // Amount changed here after WeChat's payment.
    const changed = await order(999);
    ctx.sandbox.pay.succeed(changed.donation.outTradeNo);
    clock = Date.now() + 6 * 60_000;
    await sweepPendingPayments(ctx.deps);
    clock = Date.now();
    await DonationOrder.updateOne({ _id: changed.donation.id }, { $set: { amountFen: 1000 } });

    const report = (await ctx.http.get(url).set('Authorization', admin.auth).expect(200)).body as TReconcileReport;
    const kinds = Object.fromEntries(report.differences.map((d) => [d.outTradeNo, d]));
    expect(kinds.OUTSIDE20261205000001).toMatchObject({ kind: 'missing_locally', wechatFen: 777, localFen: null });
    expect(kinds[ghost.donation.outTradeNo]).toMatchObject({ kind: 'missing_at_wechat', wechatFen: null, localFen: 888 });
    expect(kinds[changed.donation.outTradeNo]).toMatchObject({ kind: 'amount_differs', wechatFen: 999, localFen: 1000, kindLabel: '金额不一致' });
    expect(report.differences).toHaveLength(3);
  });
});
