/**
 * Donations rules beyond the happy path: account deletion on the public ledger, a rejected
 * project, a held donor message, a reused Idempotency-Key, a merchant with the WeChat Pay public
 * key instead of a platform certificate, WeChat Pay down, and drift that check:invariants finds.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TOrderCreated, TProjectDto } from '@shared/schemas/donations';
import { buildResident, type Built, type TestContext } from '../../../test/support';
import { checkInvariants, repairInvariants } from '../../platform/invariants';
import { DonationOrder, LedgerEntry, Project } from './model';
import { donationsWorld, merchantSettings, publishedProject, waitFor } from './test-support';
import type { TLedgerEntryDto } from './test-types';

jest.setTimeout(30_000);

let ctx: TestContext;
let admin: Built;
let resident: Built & { openid: string };
let charityId: string;
let project: TProjectDto;

beforeAll(async () => {
  ({ ctx, admin, resident, charityId, project } = await donationsWorld('李小红'));
});
afterAll(async () => ctx.close());

const donate = (auth: string, body: Record<string, unknown>, key?: string, projectId = project.id) => {
  const req = ctx.http.post(`/api/charity/projects/${projectId}/donations`).set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
};
const paid = (id: string) => waitFor(async () => ((await DonationOrder.findById(id).lean())?.status === 'paid' ? true : undefined));
const ledgerLine = async (orderId: string, projectId = project.id) => {
  const res = await ctx.http.get(`/api/charity/projects/${projectId}/ledger?kind=donation&pageSize=100`).expect(200);
  const entry = await LedgerEntry.findOne({ order: orderId, kind: 'donation' }).lean();
  return (res.body.items as TLedgerEntryDto[]).find((e) => e.id === String(entry?._id));
};
const totals = async (id = project.id) => ((await ctx.http.get(`/api/charity/projects/${id}`).expect(200)).body as TProjectDto).totals;
/** The 内容审核 queue item of `kind` whose content mentions `text`. */
const reviewItem = async (kind: string, text: string) => {
  const queue = await ctx.http.get(`/api/admin/review?kind=${kind}`).set('Authorization', admin.auth).expect(200);
  return (queue.body.items as { id: string; version: string }[]).find((i) => JSON.stringify(i).includes(text));
};
const decide = (kind: string, item: { id: string; version: string }, decision: 'approve' | 'reject', reason?: string) =>
  ctx.http.post(`/api/admin/review/${kind}/${item.id}/decision`).set('Authorization', admin.auth).send({ decision, version: item.version, ...(reason ? { reason } : {}) });

describe('account deletion', () => {
  it('when a donor deletes their account, their ledger line shows 已注销用户 without the message, and the totals stay', async () => {
    const donor = await buildResident(ctx, { displayName: '赵一鸣' });
    const res = await donate(donor.auth, { amountFen: 6600, channel: 'native', message: '祝孩子们健康' });
    expect(res.status).toBe(201);
    const id = (res.body as TOrderCreated).donation.id;
    ctx.sandbox.pay.succeed((res.body as TOrderCreated).donation.outTradeNo);
    await paid(id);
    expect(await ledgerLine(id)).toMatchObject({ donorName: '赵*鸣', message: '祝孩子们健康' });
    const before = await totals();

    await ctx.http.delete('/api/me').set('Authorization', donor.auth).expect(204);

    const line = await ledgerLine(id);
    expect(line).toMatchObject({ donorName: '已注销用户', amountFen: 6600 });
    expect(line?.message ?? null).toBeNull();
    expect(await totals()).toEqual(before);
    const order = await DonationOrder.findById(id).lean();
    expect(order).toMatchObject({ status: 'paid', donor: null, donorMasked: '已注销用户' });
    expect(order?.message).toBeUndefined();
    expect(await checkInvariants()).toEqual([]);
  });
});

describe('project review', () => {
  it('when the reviewer rejects a project, it is a draft again with the reason, nobody can donate, and it can be edited and sent again', async () => {
    const now = Date.now();
    const draft = {
      charityId,
      title: '社区图书角',
      story: '为社区活动中心添置儿童图书与书架。',
      goalFen: 300_000,
      startAt: new Date(now - 3600_000).toISOString(),
      endAt: new Date(now + 10 * 86_400_000).toISOString(),
    };
    const created = await ctx.http.post('/api/admin/charity/projects').set('Authorization', admin.auth).send(draft).expect(201);
    const id = (created.body as TProjectDto).id;
    const sent = await ctx.http.post(`/api/admin/charity/projects/${id}/publish`).set('Authorization', admin.auth).expect(200);
    expect(sent.body.status).toBe('in_review');
    const item = await reviewItem('charity-project', '社区图书角');
    expect(item).toBeDefined();
    await decide('charity-project', item!, 'reject', '请补充图书采购清单').expect(200);

    const shown = await ctx.http.get('/api/admin/charity/projects?status=draft').set('Authorization', admin.auth).expect(200);
    const back = (shown.body.items as TProjectDto[]).find((p) => p.id === id);
    expect(back).toMatchObject({ status: 'draft', reviewNote: expect.stringContaining('请补充图书采购清单'), abilities: { edit: true, publish: true, donate: false } });
    const refused = await donate(resident.auth, { amountFen: 1000, channel: 'native' }, undefined, id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('charity_project_not_open');
    expect((await ctx.http.get('/api/charity/projects').expect(200)).body.items.map((p: TProjectDto) => p.id)).not.toContain(id);

    await ctx.http.put(`/api/admin/charity/projects/${id}`).set('Authorization', admin.auth).send({ ...draft, story: `${draft.story}采购清单：绘本 200 册、书架 4 个。` }).expect(200);
    const again = await ctx.http.post(`/api/admin/charity/projects/${id}/publish`).set('Authorization', admin.auth).expect(200);
    expect(again.body.status).toBe('in_review');
  });
});

describe('donor messages', () => {
  it('when the content check holds a message, the donation is paid and listed without it until a reviewer approves it', async () => {
    const res = await donate(resident.auth, { amountFen: 1888, channel: 'native', message: '待审词 加油' });
    expect(res.status).toBe(201);
    const created = res.body as TOrderCreated;
    ctx.sandbox.pay.succeed(created.donation.outTradeNo);
    await paid(created.donation.id);
    const line = await ledgerLine(created.donation.id);
    expect(line).toMatchObject({ amountFen: 1888, donorName: '李*红' });
    expect(line?.message ?? null).toBeNull();

    const item = await reviewItem('donation-message', '待审词 加油');
    expect(item).toBeDefined();
    await decide('donation-message', item!, 'approve').expect(200);
    expect((await ledgerLine(created.donation.id))?.message).toBe('待审词 加油');
  });

  it('when a held message is rejected, it never shows', async () => {
    const res = await donate(resident.auth, { amountFen: 1999, channel: 'native', message: '待审词 不该显示' });
    const created = res.body as TOrderCreated;
    ctx.sandbox.pay.succeed(created.donation.outTradeNo);
    await paid(created.donation.id);
    const item = await reviewItem('donation-message', '不该显示');
    await decide('donation-message', item!, 'reject', '留言不宜公开').expect(200);
    expect((await ledgerLine(created.donation.id))?.message ?? null).toBeNull();
  });
});

describe('idempotency', () => {
  it('when an Idempotency-Key is reused for another amount, it is 409 and no second order is made (idempotency_conflict while the answer is stored, donation_key_reused after)', async () => {
    const first = await donate(resident.auth, { amountFen: 2500, channel: 'native' }, 'attempt-reuse-1');
    expect(first.status).toBe(201);
    const count = await DonationOrder.countDocuments({});
    const soon = await donate(resident.auth, { amountFen: 9900, channel: 'native' }, 'attempt-reuse-1');
    expect(soon.status).toBe(409);
    expect(soon.body.error.code).toBe('idempotency_conflict');
    // The stored HTTP answer is gone (its TTL index removes it after a day); the key on the order still ties it to its first amount.
    await ctx.db.connection.collection('idempotency_keys').deleteMany({});
    const later = await donate(resident.auth, { amountFen: 9900, channel: 'native' }, 'attempt-reuse-1');
    expect(later.status).toBe(409);
    expect(later.body.error.code).toBe('donation_key_reused');
    expect(await DonationOrder.countDocuments({})).toBe(count);
  });
});

describe('a merchant with the WeChat Pay public key (公钥 ID) instead of a platform certificate', () => {
  it('when a notification names the public key id, it verifies with the public key and pays; another id is refused', async () => {
    const settings = merchantSettings(ctx);
    const publicKeyPath = join(dirname(settings.privateKeyPath), 'pub_key.pem');
    writeFileSync(publicKeyPath, ctx.sandbox.pay.platformPublicKeyPem);
    const { platformCertPath: _cert, ...withoutCert } = settings;
    const pubKeyId = 'PUB_KEY_ID_0119000001092026120500000000000001';
    const res = await ctx.http
      .post('/api/admin/charities')
      .set('Authorization', admin.auth)
      .send({ name: '海口市公钥慈善会', uscc: '53460000MJ0000PK1X', filingNumber: '琼民公募备〔2026〕公钥001号', merchant: { ...withoutCert, publicKeyId: pubKeyId, publicKeyPath } });
    expect(res.status).toBe(201);
    const pkProject = await publishedProject(ctx, admin.auth, res.body.id);

    // WeChat, for this merchant, signs answers and notifications naming the public key id in Wechatpay-Serial.
    ctx.sandbox.pay.signAsPublicKeyMerchant(pubKeyId);
    try {
      const created = await donate(resident.auth, { amountFen: 5200, channel: 'native' }, `attempt-pubkey-${Date.now()}`, pkProject.id);
      expect(created.status).toBe(201);
      const order = (created.body as TOrderCreated).donation;
      expect((created.body as TOrderCreated).codeUrl).toMatch(/^weixin:\/\//);

      // A notification naming another id is refused and changes nothing.
      const outTradeNo = order.outTradeNo;
      const tx = { appid: ctx.sandbox.appId, mchid: ctx.sandbox.pay.mchId, out_trade_no: outTradeNo, transaction_id: `4200PUBKEY${Date.now()}`, trade_type: 'NATIVE', trade_state: 'SUCCESS', success_time: new Date().toISOString(), amount: { total: 5200, currency: 'CNY' } };
      const forged = ctx.sandbox.pay.notification('TRANSACTION.SUCCESS', 'transaction', tx);
      const refused = await ctx.http.post('/api/payments/wechat/notify').set({ ...forged.headers, 'wechatpay-serial': 'PUB_KEY_ID_0119000001092026120500000000000999' }).send(forged.body);
      expect(refused.status).toBe(401);
      expect((await DonationOrder.findById(order.id).lean())!.status).toBe('pending');

      // The payer pays: the sandbox's own notification (public key id named) is verified and pays.
      expect(ctx.sandbox.pay.succeed(outTradeNo).ok).toBe(true);
      await paid(order.id);
      const delivered = await waitFor(async () => {
        const last = ctx.sandbox.pay.notifications().at(-1);
        return last?.delivered ? last : undefined;
      });
      expect(delivered).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', attempts: [expect.objectContaining({ status: 200 })] });
      expect((await totals(pkProject.id)).raisedFen).toBe(5200);
    } finally {
      ctx.sandbox.pay.signAsPublicKeyMerchant(null);
    }
  });
});

describe('WeChat Pay down', () => {
  it('when WeChat Pay does not answer, the donation is 502 wechat_pay_unavailable with no money moved; the retry with the same key completes the same order', async () => {
    const before = await totals();
    const entries = await LedgerEntry.countDocuments({});
    ctx.sandbox.injectFault({ path: '/v3/pay/transactions/native', httpStatus: 503, times: 3 });
    const res = await donate(resident.auth, { amountFen: 3300, channel: 'native' }, 'attempt-down-1');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('wechat_pay_unavailable');
    expect(res.body.error.message).toContain('微信支付暂时不可用');
    expect(await totals()).toEqual(before);
    expect(await LedgerEntry.countDocuments({})).toBe(entries);
    // What is left is an unpaid order without a prepay: nothing to pay, closed by the sweep if nobody retries.
    const left = await DonationOrder.find({ clientKey: 'attempt-down-1' }).lean();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ status: 'pending', amountFen: 3300 });
    expect(left[0].prepay).toBeFalsy();

    ctx.sandbox.clearFaults();
    const retry = await donate(resident.auth, { amountFen: 3300, channel: 'native' }, 'attempt-down-1');
    expect([200, 201]).toContain(retry.status);
    expect(retry.body.donation.id).toBe(String(left[0]._id));
    expect(retry.body.codeUrl).toMatch(/^weixin:\/\/wxpay\//);
  });
});

describe('invariants', () => {
  it('when a project total is changed behind the ledger, check:invariants reports it and the repair puts it back; a paid order without its ledger line is reported and left to a person', async () => {
    expect(await checkInvariants()).toEqual([]);
    await Project.updateOne({ _id: project.id }, { $inc: { raisedFen: 7 } });
    const drift = await checkInvariants();
    expect(drift.map((v) => v.invariant)).toEqual(['donations-project-totals']);
    expect(drift[0].message).toContain('raisedFen');
    await repairInvariants({ logger: ctx.deps.logger }, { graceMs: 0 });
    expect(await checkInvariants()).toEqual([]);

    const entry = await LedgerEntry.findOne({ kind: 'donation', project: project.id }).lean();
    await LedgerEntry.deleteOne({ _id: entry!._id });
    try {
      const missing = await checkInvariants();
      expect(missing.map((v) => v.invariant)).toContain('donations-paid-orders');
      expect(missing.find((v) => v.invariant === 'donations-paid-orders' && v.subject === `donation:${String(entry!.order)}`)?.message).toContain('ledger amount none');
    } finally {
      await LedgerEntry.create({ ...entry, _id: entry!._id });
    }
    expect(await checkInvariants()).toEqual([]);
  });
});
