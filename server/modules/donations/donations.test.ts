import type { TLedgerEntryDto } from './test-types';
import type { Built, TestContext } from '../../../test/support';
import type { TOrderCreated, TProjectDto } from '@shared/schemas/donations';
import { DonationOrder, LedgerEntry, PaymentAnomaly, Project } from './model';
import { donationsWorld, waitFor } from './test-support';
import { checkInvariants } from '../../platform/invariants';

jest.setTimeout(30_000);

let ctx: TestContext;
let admin: Built;
let resident: Built & { openid: string };
let project: TProjectDto;

beforeAll(async () => {
  ({ ctx, admin, resident, project } = await donationsWorld('张小明'));
});
afterAll(async () => ctx.close());

const donate = (body: Record<string, unknown>, key?: string, auth = resident.auth, projectId = project.id) => {
  const req = ctx.http.post(`/api/charity/projects/${projectId}/donations`).set('Authorization', auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
};

async function paidDonation(amountFen: number, extra: Record<string, unknown> = {}): Promise<TOrderCreated> {
  const res = await donate({ amountFen, channel: 'jsapi', ...extra });
  expect(res.status).toBe(201);
  const created = res.body as TOrderCreated;
  expect(ctx.sandbox.pay.succeed(created.donation.outTradeNo).ok).toBe(true);
  await waitFor(async () => ((await DonationOrder.findById(created.donation.id).lean())?.status === 'paid' ? true : undefined));
  return created;
}

describe('donating', () => {
  it('when nobody is signed in, a donation is 401; when the amount is below the minimum, 400 at amountFen', async () => {
    await ctx.http.post(`/api/charity/projects/${project.id}/donations`).send({ amountFen: 1000, channel: 'jsapi' }).expect(401);
    const res = await donate({ amountFen: 50, channel: 'jsapi' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('amountFen');
  });

  it('when a resident donates on weapp, the order has its own out_trade_no and signed requestPayment params; the sandbox pays, the notification marks it paid, the ledger and progress move and the receipt verifies', async () => {
    const before = (await ctx.http.get(`/api/charity/projects/${project.id}`).expect(200)).body as TProjectDto;
    const res = await donate({ amountFen: 5000, channel: 'jsapi', message: '加油', anonymous: false }, 'attempt-0001');
    expect(res.status).toBe(201);
    const created = res.body as TOrderCreated;
    expect(created.donation.outTradeNo).toMatch(/^DN\d{8}[0-9A-Z]{16}$/);
    expect(created.payParams).toMatchObject({ signType: 'RSA' });
    expect(created.payParams!.package).toMatch(/^prepay_id=/);
    expect(created.codeUrl).toBeNull();

    ctx.sandbox.pay.succeed(created.donation.outTradeNo);
    const paid = await waitFor(async () => {
      const r = await ctx.http.get(`/api/me/donations/${created.donation.id}`).set('Authorization', resident.auth);
      return r.body.status === 'paid' ? r.body : undefined;
    });
    expect(paid.receiptSerial).toMatch(/^DN-\d{8}-[0-9A-Z]{10}$/);

    const after = (await ctx.http.get(`/api/charity/projects/${project.id}`).expect(200)).body as TProjectDto;
    expect(after.totals.raisedFen - before.totals.raisedFen).toBe(5000);
    expect(after.totals.donorCount).toBeGreaterThanOrEqual(1);
    expect(after.progressPercent).toBeGreaterThan(before.progressPercent);
    expect(after.fundraisingNotice).toContain(after.charity.filingNumber);
    const ledger = await ctx.http.get(`/api/charity/projects/${project.id}/ledger?kind=donation`).expect(200);
    const line = (ledger.body.items as TLedgerEntryDto[]).find((e) => e.amountFen === 5000);
    expect(line).toMatchObject({ donorName: '张*明', message: '加油' });

    const pdf = await ctx.http.get(`/api/me/donations/${created.donation.id}/receipt`).set('Authorization', resident.auth).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const check = await ctx.http.get(`/api/charity/receipts/${paid.receiptSerial}`).expect(200);
    expect(check.body).toMatchObject({ valid: true, amountFen: 5000, label: '捐赠确认', projectTitle: '山区儿童午餐' });
    expect(JSON.stringify(check.body)).not.toContain('张');
    expect(await checkInvariants()).toEqual([]);
  });

  it('when the same Idempotency-Key is sent again, the same order comes back; after the prepay window a new prepay is made for the same order', async () => {
    const first = await donate({ amountFen: 2000, channel: 'native' }, 'attempt-idem-1');
    expect(first.status).toBe(201);
    expect(first.body.codeUrl).toMatch(/^weixin:\/\/wxpay\//);
    const again = await donate({ amountFen: 2000, channel: 'native' }, 'attempt-idem-1');
    expect(again.body.donation.id).toBe(first.body.donation.id);
    // Two hours later (the stored answer and the prepay age out), the same attempt gets a fresh prepay for the same order.
    const old = new Date(Date.now() - 3 * 3600_000);
    await DonationOrder.updateOne({ _id: first.body.donation.id }, { $set: { 'prepay.expiresAt': old } });
    await ctx.db.connection.collection('idempotency_keys').updateMany({}, { $set: { createdAt: old } });
    const later = await donate({ amountFen: 2000, channel: 'native' }, 'attempt-idem-1');
    expect(later.status).toBe(200);
    expect(later.body.donation.id).toBe(first.body.donation.id);
    expect(new Date(later.body.prepayExpiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('when the message is risky, the donation is refused with 422 at message and no order is made', async () => {
    const before = await DonationOrder.countDocuments({});
    const res = await donate({ amountFen: 1000, channel: 'jsapi', message: '违禁词' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('content_risky');
    expect(await DonationOrder.countDocuments({})).toBe(before);
  });

  it('when anonymous, the ledger shows 爱心人士', async () => {
    const d = await paidDonation(1200, { anonymous: true });
    const entry = await LedgerEntry.findOne({ order: d.donation.id, kind: 'donation' }).lean();
    expect(entry?.donorMasked).toBe('爱心人士');
  });
});

describe('notifications', () => {
  /** A pending order and a notification for it, as the sandbox would sign it (not sent). */
  async function pendingWithNote(amountFen = 3000, change: (tx: Record<string, unknown>) => void = () => {}) {
    const res = await donate({ amountFen, channel: 'jsapi' });
    const created = res.body as TOrderCreated;
    const tx: Record<string, unknown> = {
      appid: ctx.sandbox.appId,
      mchid: ctx.sandbox.pay.mchId,
      out_trade_no: created.donation.outTradeNo,
      transaction_id: `4200${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 28),
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: new Date().toISOString(),
      payer: { openid: resident.openid },
      amount: { total: amountFen, payer_total: amountFen, currency: 'CNY', payer_currency: 'CNY' },
    };
    change(tx);
    return { created, note: ctx.sandbox.pay.notification('TRANSACTION.SUCCESS', 'transaction', tx) };
  }
  const post = (note: { body: string; headers: Record<string, string> }) => ctx.http.post('/api/payments/wechat/notify').set(note.headers).send(note.body);
  const totals = async () => (await Project.findById(project.id).lean())!;

  async function expectNothingChanged(orderId: string, before: { raisedFen: number }) {
    expect((await DonationOrder.findById(orderId).lean())!.status).toBe('pending');
    expect(await LedgerEntry.countDocuments({ order: orderId })).toBe(0);
    expect((await totals()).raisedFen).toBe(before.raisedFen);
  }

  it('when the signature is wrong, the reply is 401 FAIL and nothing changes', async () => {
    const { created, note } = await pendingWithNote();
    const before = await totals();
    const sig = note.headers['Wechatpay-Signature'];
    const res = await post({ ...note, headers: { ...note.headers, 'Wechatpay-Signature': sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11) } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'FAIL', message: '签名验证失败' });
    await expectNothingChanged(created.donation.id, before);
  });

  it('when the certificate serial is not the platform one, the reply is 401 and nothing changes', async () => {
    const { created, note } = await pendingWithNote();
    const before = await totals();
    const res = await post({ ...note, headers: { ...note.headers, 'Wechatpay-Serial': '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' } });
    expect(res.status).toBe(401);
    await expectNothingChanged(created.donation.id, before);
  });

  it('when the timestamp is more than 5 minutes old (a replay), the reply is 401 and nothing changes', async () => {
    const { created, note } = await pendingWithNote();
    const before = await totals();
    const res = await post({ ...note, headers: { ...note.headers, 'Wechatpay-Timestamp': String(Math.floor(Date.now() / 1000) - 301) } });
    expect(res.status).toBe(401);
    await expectNothingChanged(created.donation.id, before);
  });

  it('when the ciphertext or its auth tag is tampered (and re-signed), decryption fails: 401 and nothing changes', async () => {
    for (const tamper of ['ciphertext', 'tag'] as const) {
      const { created } = await pendingWithNote();
      const before = await totals();
      const tx = { appid: ctx.sandbox.appId, mchid: ctx.sandbox.pay.mchId, out_trade_no: created.donation.outTradeNo, transaction_id: `4200${Date.now()}`, trade_state: 'SUCCESS', amount: { total: 3000, currency: 'CNY' } };
      // One bit flipped after encryption, the body then validly signed: only the GCM tag check can catch it.
      const forged = ctx.sandbox.pay.notification('TRANSACTION.SUCCESS', 'transaction', tx, { tamper });
      const res = await post(forged);
      expect(res.status).toBe(401);
      await expectNothingChanged(created.donation.id, before);
    }
  });

  it('when the amount, the out_trade_no or the mchid does not match, the verified notification is acknowledged, nothing is paid, the order is marked for review and the admin is told', async () => {
    for (const [reason, change] of [
      ['amount_mismatch', (tx: Record<string, unknown>) => void (tx.amount = { total: 1, currency: 'CNY' })],
      ['unknown_order', (tx: Record<string, unknown>) => void (tx.out_trade_no = 'DN20261205UNKNOWN0000000001')],
      ['mchid_mismatch', (tx: Record<string, unknown>) => void (tx.mchid = '1900009999')],
    ] as const) {
      const { created, note } = await pendingWithNote(3000, change);
      const before = await totals();
      const res = await post(note);
      expect(res.status).toBe(200);
      await expectNothingChanged(created.donation.id, before);
      const anomaly = await PaymentAnomaly.findOne({ notificationId: JSON.parse(note.body).id }).lean();
      expect(anomaly?.reason).toBe(reason);
      if (reason !== 'unknown_order') expect((await DonationOrder.findById(created.donation.id).lean())!.needsReview).toBe(true);
    }
    const inbox = await waitFor(async () => {
      const r = await ctx.http.get('/api/me/notifications').set('Authorization', admin.auth);
      const items = (r.body.items ?? []) as { title: string }[];
      return items.some((i) => i.title.includes('支付通知与订单不符')) ? items : undefined;
    });
    expect(inbox.length).toBeGreaterThan(0);
  });

  it('when the same valid notification arrives 10 times at once, it is counted once and every delivery is acknowledged', async () => {
    const { created, note } = await pendingWithNote(4321);
    const before = await totals();
    const replies = await Promise.all(Array.from({ length: 10 }, () => post(note)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await DonationOrder.findById(created.donation.id).lean())!.status).toBe('paid');
    expect(await LedgerEntry.countDocuments({ order: created.donation.id, kind: 'donation' })).toBe(1);
    expect((await totals()).raisedFen - before.raisedFen).toBe(4321);
    expect(await checkInvariants()).toEqual([]);
  });
});

describe('refunds', () => {
  it('when a resident asks for a refund it is 403; when the admin refunds part with a reason, REFUND.SUCCESS moves the ledger once', async () => {
    const d = await paidDonation(10_000);
    await ctx.http.post(`/api/admin/donations/${d.donation.id}/refunds`).set('Authorization', resident.auth).send({ amountFen: 100, reason: '捐错了' }).expect(403);
    const bad = await ctx.http.post(`/api/admin/donations/${d.donation.id}/refunds`).set('Authorization', admin.auth).send({ amountFen: 100 });
    expect(bad.status).toBe(400);
    const before = (await Project.findById(project.id).lean())!;
    const res = await ctx.http.post(`/api/admin/donations/${d.donation.id}/refunds`).set('Authorization', admin.auth).send({ amountFen: 3000, reason: '捐赠人申请部分退款' });
    expect(res.status).toBe(201);
    await waitFor(async () => ((await LedgerEntry.countDocuments({ order: d.donation.id, kind: 'refund' })) === 1 ? true : undefined));
    const after = (await Project.findById(project.id).lean())!;
    expect(after.refundedFen - before.refundedFen).toBe(3000);
    expect((await DonationOrder.findById(d.donation.id).lean())!.refundedFen).toBe(3000);
    expect(await checkInvariants()).toEqual([]);
  });

  it('when five refunds of 40% are asked at once, at most the amount paid is refunded', async () => {
    const d = await paidDonation(10_000);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => ctx.http.post(`/api/admin/donations/${d.donation.id}/refunds`).set('Authorization', admin.auth).send({ amountFen: 4000, reason: '并发退款测试' })),
    );
    const ok = replies.filter((r) => r.status === 201).length;
    expect(ok).toBe(2);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'donation_refund_exceeds_paid')).toBe(true);
    const order = (await DonationOrder.findById(d.donation.id).lean())!;
    expect(order.refundReservedFen).toBeLessThanOrEqual(order.amountFen);
    await waitFor(async () => ((await LedgerEntry.countDocuments({ order: d.donation.id, kind: 'refund' })) === 2 ? true : undefined));
    const refunded = await LedgerEntry.aggregate([{ $match: { order: order._id, kind: 'refund' } }, { $group: { _id: null, fen: { $sum: '$amountFen' } } }]);
    expect(refunded[0].fen).toBe(8000);
  });
});
