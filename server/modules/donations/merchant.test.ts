/**
 * Merchant settings (district admins): fingerprints only, never key material; a change must load
 * before it is saved and is guarded on the version seen. Payment anomalies listed for review.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TAnomalyDto, TMerchantView } from '@shared/schemas/donations';
import { buildDistrictAdmin, buildResident, createTestContext, type Built, type TestContext } from '../../../test/support';
import { createCharity, merchantSettings } from './test-support';

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
});
