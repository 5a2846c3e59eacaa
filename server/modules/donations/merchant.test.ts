/**
 * Merchant settings (district admins): fingerprints only, never key material; a change must load
 * before it is saved and is guarded on the version seen. Payment anomalies listed for review.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TAnomalyDto, TMerchantView } from '@shared/schemas/donations';
import { buildDistrictAdmin, buildResident, createTestContext, type Built, type TestContext } from '../../../test/support';
import { generatePayKeys } from '../../wechat-sandbox';
import { sweepPendingPayments } from './jobs';
import { checkMerchantKeys } from './merchants';
import { DonationOrder, Refund } from './model';
import { createCharity, merchantSettings, publishedProject, testUscc, waitFor } from './test-support';

jest.setTimeout(30_000);

let ctx: TestContext;
let admin: Built;
let resident: Built;
let charityId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.deps.config.PUBLIC_BASE_URL = ctx.url;
  admin = await buildDistrictAdmin(ctx);
  resident = await buildResident(ctx);
  charityId = (await createCharity(ctx, admin.auth)).id;
});
afterAll(async () => ctx.close());

const colonHex = (buf: Buffer | string) => createHash('sha256').update(buf).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

describe('merchant settings', () => {
  it('when nobody is signed in it is 401, a resident 403; a district admin sees paths, references and fingerprints, never a key', async () => {
    await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).expect(401);
    await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).set('Authorization', resident.auth).expect(403);
    const res = await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).expect(200);
    const view = res.body as TMerchantView;
    const pay = ctx.sandbox.pay;
    expect(view).toMatchObject({ mchId: pay.mchId, verifyWith: 'platform_cert', problems: [], version: 1 });
    expect(view.fingerprints.privateKey).toBe(colonHex(createPublicKey(pay.merchantPrivateKeyPem).export({ type: 'spki', format: 'der' })));
    expect(view.fingerprints.apiV3Key).toBe(colonHex(pay.apiV3Key));
    expect(view.fingerprints.platformCert?.serial).toBe(pay.platformSerial.toUpperCase());
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(pay.apiV3Key);
    expect(text).not.toContain('BEGIN');
  });

  it('when a key file cannot be loaded the change is 400 at that field and nothing is saved; a valid switch to the public key saves, bumps the version, and a stale version is 409', async () => {
    const before = (await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).expect(200)).body as TMerchantView;
    const settings = merchantSettings(ctx);
    const bad = await ctx.http
      .put(`/api/admin/charities/${charityId}/merchant`)
      .set('Authorization', admin.auth)
      .send({ ...settings, privateKeyPath: '/nonexistent/apiclient_key.pem', version: before.version });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['privateKeyPath']);
    await ctx.http.put(`/api/admin/charities/${charityId}/merchant`).set('Authorization', resident.auth).send({ ...settings, version: before.version }).expect(403);

    const publicKeyPath = join(dirname(settings.privateKeyPath), 'pub_key.pem');
    writeFileSync(publicKeyPath, ctx.sandbox.pay.platformPublicKeyPem);
    const { platformCertPath: _cert, ...rest } = settings;
    const change = { ...rest, publicKeyPath, publicKeyId: 'PUB_KEY_ID_0119000001092026120500000000000002', version: before.version };
    const ok = await ctx.http.put(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).send(change);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verifyWith: 'public_key', version: before.version + 1, platformCertPath: null, problems: [] });
    expect(ok.body.fingerprints.publicKey).toBe(colonHex(createPublicKey(ctx.sandbox.pay.platformPublicKeyPem).export({ type: 'spki', format: 'der' })));

    const stale = await ctx.http.put(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).send(change);
    expect(stale.status).toBe(409);
  });
});

describe('merchant key against its certificate', () => {
  it('when the private key is not the merchant certificate\'s, or the serial is not the certificate\'s, registering and changing are refused with merchant_key_mismatch at those fields', async () => {
    const other = generatePayKeys();
    const settings = merchantSettings(ctx);
    writeFileSync(join(dirname(settings.privateKeyPath), 'other_key.pem'), other.merchantPrivateKeyPem);
    const wrongKey = { ...settings, privateKeyPath: join(dirname(settings.privateKeyPath), 'other_key.pem') };
    await ctx.http.post('/api/admin/charities').send({ name: '错钥机构', uscc: testUscc(), filingNumber: '琼民公募备2026001', merchant: wrongKey }).expect(401);
    await ctx.http.post('/api/admin/charities').set('Authorization', resident.auth).send({ name: '错钥机构', uscc: testUscc(), filingNumber: '琼民公募备2026001', merchant: wrongKey }).expect(403);
    const reg = await ctx.http.post('/api/admin/charities').set('Authorization', admin.auth).send({ name: '错钥机构', uscc: testUscc(), filingNumber: '琼民公募备2026001', merchant: wrongKey });
    expect(reg.status).toBe(400);
    expect(reg.body.error.code).toBe('merchant_key_mismatch');
    expect(reg.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['merchant.privateKeyPath']);
    const names = (await ctx.http.get('/api/admin/charities').set('Authorization', admin.auth).expect(200)).body.items.map((c: { name: string }) => c.name);
    expect(names).not.toContain('错钥机构');

    const view = (await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).expect(200)).body as TMerchantView;
    const put = await ctx.http
      .put(`/api/admin/charities/${charityId}/merchant`)
      .set('Authorization', admin.auth)
      .send({ ...merchantSettings(ctx), serialNo: other.merchantCertSerial, version: view.version });
    expect(put.status).toBe(400);
    expect(put.body.error.code).toBe('merchant_key_mismatch');
    expect(put.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['serialNo']);
    const after = (await ctx.http.get(`/api/admin/charities/${charityId}/merchant`).set('Authorization', admin.auth).expect(200)).body as TMerchantView;
    expect(after).toMatchObject({ version: view.version, serialNo: view.serialNo, mismatches: [] });
  });

  it('when a charity\'s key file is replaced by another key, the start-up check reports merchant_key_mismatch for it and its orders are refused', async () => {
    const settings = merchantSettings(ctx);
    const id = (await ctx.http.post('/api/admin/charities').set('Authorization', admin.auth).send({ name: '换钥机构', uscc: testUscc(), filingNumber: '琼民公募备2026002', merchant: settings }).expect(201)).body.id as string;
    const logged: { code: string; charityId: string }[] = [];
    const logger = { error: (o: unknown) => void logged.push(o as { code: string; charityId: string }) };
    await checkMerchantKeys(logger);
    expect(logged.filter((l) => l.charityId === id)).toEqual([]);
    writeFileSync(settings.privateKeyPath, generatePayKeys().merchantPrivateKeyPem);
    await checkMerchantKeys(logger);
    expect(logged.filter((l) => l.charityId === id)).toEqual([expect.objectContaining({ code: 'merchant_key_mismatch' })]);
    const view = (await ctx.http.get(`/api/admin/charities/${id}/merchant`).set('Authorization', admin.auth).expect(200)).body as TMerchantView;
    expect(view.mismatches.map((m) => m.path)).toEqual(['privateKeyPath']);
    const project = await publishedProject(ctx, admin.auth, id);
    const order = await ctx.http.post(`/api/charity/projects/${project.id}/donations`).set('Authorization', resident.auth).set('Idempotency-Key', `k-${Date.now()}`).send({ amountFen: 100, anonymous: false, channel: 'native' });
    expect(order.status).toBe(502);
    expect(order.body.error.code).toBe('wechat_pay_unavailable');
  });
});

describe('a charity whose key is not its certificate\'s', () => {
  it('when the sweep meets its orders it skips them and still pays another charity\'s; its refunds and reconciliation are 502 with nothing reserved', async () => {
    const settings = merchantSettings(ctx);
    const broken = (await ctx.http.post('/api/admin/charities').set('Authorization', admin.auth).send({ name: '坏钥机构', uscc: testUscc(), filingNumber: '琼民公募备2026003', merchant: settings }).expect(201)).body.id as string;
    writeFileSync(settings.privateKeyPath, generatePayKeys().merchantPrivateKeyPem);
    const good = await publishedProject(ctx, admin.auth, (await createCharity(ctx, admin.auth)).id);
    const donate = async () =>
      (await ctx.http.post(`/api/charity/projects/${good.id}/donations`).set('Authorization', resident.auth).set('Idempotency-Key', `k-${Math.random()}`).send({ amountFen: 300, anonymous: false, channel: 'native' }).expect(201)).body.donation as { id: string; outTradeNo: string };
    // Orders only the broken charity could query: the oldest pending one, and a paid one to refund.
    // Their notifications go nowhere, so only the sweep can learn that `lost` was paid.
    ctx.deps.config.PUBLIC_BASE_URL = 'http://127.0.0.1:9';
    const stuck = await donate();
    const refundable = await donate();
    const lost = await donate();
    ctx.deps.config.PUBLIC_BASE_URL = ctx.url;
    ctx.sandbox.pay.succeed(refundable.outTradeNo);
    ctx.sandbox.pay.succeed(lost.outTradeNo);
    await DonationOrder.updateOne({ _id: stuck.id }, { $set: { charity: broken, createdAt: new Date(Date.now() - 3_600_000) } });
    await DonationOrder.updateOne({ _id: refundable.id }, { $set: { charity: broken, status: 'paid', transactionId: `T${Date.now()}`, paidAt: new Date() } });

    const report = await sweepPendingPayments({ ...ctx.deps, now: () => new Date(Date.now() + 6 * 60_000) });
    expect((await DonationOrder.findById(lost.id).lean())!.status).toBe('paid');
    expect(report.paid).toBeGreaterThanOrEqual(1);
    expect((await DonationOrder.findById(stuck.id).lean())!.status).toBe('pending');

    const refund = await ctx.http.post(`/api/admin/donations/${refundable.id}/refunds`).set('Authorization', admin.auth).send({ amountFen: 100, reason: '捐赠人申请退回' });
    expect(refund.status).toBe(502);
    expect(refund.body.error.code).toBe('wechat_pay_unavailable');
    expect((await DonationOrder.findById(refundable.id).lean())!.refundReservedFen).toBe(0);
    expect(await Refund.countDocuments({ order: refundable.id })).toBe(0);

    const bill = await ctx.http.get(`/api/admin/charity/reconciliation?charityId=${broken}&date=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}`).set('Authorization', admin.auth);
    expect(bill.status).toBe(502);
    expect(bill.body.error.code).toBe('wechat_pay_unavailable');
  });
});

describe('payment anomalies', () => {
  it('when a verified notification names an order we do not have, the district admin finds it in the anomalies list', async () => {
    await ctx.http.get('/api/admin/charity/anomalies').set('Authorization', resident.auth).expect(403);
    const tx = { appid: ctx.sandbox.appId, mchid: ctx.sandbox.pay.mchId, out_trade_no: 'DN20261205NOSUCHORDER00001', transaction_id: `4200ANOM${Date.now()}`, trade_state: 'SUCCESS', amount: { total: 100, currency: 'CNY' } };
    const note = ctx.sandbox.pay.notification('TRANSACTION.SUCCESS', 'transaction', tx);
    // The charity now verifies with the 微信支付公钥 (previous test): WeChat names its id.
    const res = await ctx.http.post('/api/payments/wechat/notify').set({ ...note.headers, 'wechatpay-serial': 'PUB_KEY_ID_0119000001092026120500000000000002' }).send(note.body);
    expect(res.status).toBe(200);
    const list = await ctx.http.get('/api/admin/charity/anomalies').set('Authorization', admin.auth).expect(200);
    const found = (list.body.items as TAnomalyDto[]).find((a) => a.outTradeNo === tx.out_trade_no);
    expect(found).toMatchObject({ reason: 'unknown_order', reasonLabel: '本地无此订单', transactionId: tx.transaction_id });
  });

  it('when a district admin marks an anomaly 已处理 with a note it is kept with who and when, audited, and cannot be handled twice', async () => {
    const list = await ctx.http.get('/api/admin/charity/anomalies').set('Authorization', admin.auth).expect(200);
    const open = (list.body.items as TAnomalyDto[]).find((a) => a.handled === null)!;
    expect(open).toBeDefined();
    const path = `/api/admin/charity/anomalies/${open.id}/handled`;
    await ctx.http.post(path).send({ note: '已在商户平台原路退款' }).expect(401);
    const empty = await ctx.http.post(path).set('Authorization', admin.auth).send({ note: ' ' });
    expect(empty.status).toBe(400);
    expect([...new Set(empty.body.error.fields.map((f: { path: string }) => f.path))]).toEqual(['note']);
    await ctx.http.post(path).set('Authorization', resident.auth).send({ note: '已在商户平台原路退款' }).expect(403);
    const ok = await ctx.http.post(path).set('Authorization', admin.auth).send({ note: '已在商户平台原路退款' });
    expect(ok.status).toBe(200);
    expect(ok.body.handled).toMatchObject({ note: '已在商户平台原路退款', by: expect.any(String) });
    const again = await ctx.http.post(path).set('Authorization', admin.auth).send({ note: '重复处理' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('payment_anomaly_handled');
    const after = await ctx.http.get('/api/admin/charity/anomalies').set('Authorization', admin.auth).expect(200);
    expect((after.body.items as TAnomalyDto[]).find((a) => a.id === open.id)?.handled?.note).toBe('已在商户平台原路退款');
    await waitFor(async () => {
      const audit = await ctx.http.get('/api/admin/audit?action=donation.anomaly_handle').set('Authorization', admin.auth);
      return audit.body.items?.some((e: { target: { id: string } }) => e.target.id === open.id) ? true : undefined;
    });
  });
});
