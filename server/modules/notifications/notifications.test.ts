import { Types } from 'mongoose';
import { createTestContext, buildResident, type TestContext } from '../../../test/support';
import { User } from '../users/model';
import { Notification } from './model';
import { notify } from './notify';
import { sendDueNotifications, BACKOFF_BASE_MS } from './sender';

const SEND = '/cgi-bin/message/subscribe/send';
let ctx: TestContext;
let tplReminder: string;
let tplSignup: string;

beforeAll(async () => {
  ctx = await createTestContext({ env: { NOTIFY_MAX_ATTEMPTS: '3' } });
  tplReminder = ctx.config.WECHAT_TEMPLATE_ACTIVITY_REMINDER;
  tplSignup = ctx.config.WECHAT_TEMPLATE_SIGNUP_RESULT;
});
afterAll(async () => {
  await ctx?.close();
});
afterEach(() => ctx.sandbox.clearFaults());

const consentsOf = async (userId: string, tpl: string): Promise<number> => {
  const u = await User.findById(userId).lean();
  const m = u!.subscribeConsents as unknown as Record<string, number>;
  return Number(m?.[tpl] ?? 0);
};
const sentTo = (openid: string) => ctx.sandbox.sentMessages().filter((m) => m.touser === openid);
const later = (ms: number) => new Date(Date.now() + ms);
const accept = (auth: string, tpl: string) =>
  ctx.http
    .post('/api/me/subscriptions')
    .set('Authorization', auth)
    .send({ results: { [tpl]: 'accept' } });

/** A resident who accepted the reminder template `consents` times, with one reminder queued for them. */
async function queuedReminder(consents = 1) {
  const r = await buildResident(ctx);
  for (let i = 0; i < consents; i++) await accept(r.auth, tplReminder);
  const { subscribe } = await notify(ctx.deps, r.user.id, { title: '提醒', body: 'x', templateKey: 'activityReminder' });
  return { r, subscribe };
}

describe('POST /api/me/subscriptions', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.post('/api/me/subscriptions').send({ results: {} })).status).toBe(401);
  });

  it('when the report is malformed or names unknown templates, answers 400 with the field messages', async () => {
    const r = await buildResident(ctx);
    const missing = await ctx.http.post('/api/me/subscriptions').set('Authorization', r.auth).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([{ path: 'results', message: '缺少订阅结果' }]);
    const badValue = await ctx.http
      .post('/api/me/subscriptions')
      .set('Authorization', r.auth)
      .send({ results: { [tplReminder]: 'maybe' } });
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.fields).toEqual([{ path: `results.${tplReminder}`, message: '订阅结果无效' }]);
    const unknown = await ctx.http
      .post('/api/me/subscriptions')
      .set('Authorization', r.auth)
      .send({ results: { tpl_not_ours: 'accept' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'results.tpl_not_ours', message: '未知的订阅消息模板' }]);
  });

  it('when the user has not agreed to the privacy policy, answers 403 consent_required', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http
      .post('/api/me/subscriptions')
      .set('Authorization', r.auth)
      .send({ results: { [tplReminder]: 'accept' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('consent_required');
  });

  it('when accepted, counts one consent per accept; reject keeps, ban clears', async () => {
    const r = await buildResident(ctx);
    const send = (results: Record<string, string>) =>
      ctx.http.post('/api/me/subscriptions').set('Authorization', r.auth).send({ results });
    await send({ [tplReminder]: 'accept', [tplSignup]: 'accept' });
    const res = await send({ [tplReminder]: 'accept', [tplSignup]: 'reject' });
    expect(res.status).toBe(200);
    expect(res.body.consents).toMatchObject({ [tplReminder]: 2, [tplSignup]: 1 });
    const banned = await send({ [tplSignup]: 'ban' });
    expect(banned.body.consents).toMatchObject({ [tplReminder]: 2, [tplSignup]: 0 });
  });
});

describe('GET /api/me/notifications and POST /api/me/notifications/:id/read', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.get('/api/me/notifications')).status).toBe(401);
    expect((await ctx.http.post('/api/me/notifications/0123456789abcdef01234567/read')).status).toBe(401);
  });

  it('when paging or the id is invalid, answers 400 with the field messages', async () => {
    const r = await buildResident(ctx);
    const page = await ctx.http.get('/api/me/notifications?pageSize=500').set('Authorization', r.auth);
    expect(page.status).toBe(400);
    expect(page.body.error.fields).toEqual([{ path: 'pageSize', message: '每页最多 100 条' }]);
    const id = await ctx.http.post('/api/me/notifications/xyz/read').set('Authorization', r.auth);
    expect(id.status).toBe(400);
    expect(id.body.error.fields).toEqual([{ path: 'id', message: '编号格式不正确' }]);
  });

  it('when not consented, answers 403', async () => {
    const r = await buildResident(ctx, { consented: false });
    expect((await ctx.http.get('/api/me/notifications').set('Authorization', r.auth)).status).toBe(403);
  });

  it('when listed, shows only my inbox newest first with the unread count; marking read is idempotent and private', async () => {
    const me = await buildResident(ctx);
    const other = await buildResident(ctx);
    await notify(ctx.deps, me.user.id, { title: '第一条', body: 'A', link: 'pages/index/index' });
    await new Promise((r) => setTimeout(r, 5));
    const { inbox } = await notify(ctx.deps, me.user.id, { title: '第二条', body: 'B', templateKey: 'signupResult' });
    const { inbox: theirs } = await notify(ctx.deps, other.user.id, { title: '别人的', body: 'C' });

    const list = await ctx.http.get('/api/me/notifications').set('Authorization', me.auth);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, unread: 2 });
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual(['第二条', '第一条']);
    expect(Object.keys(list.body.items[1]).sort()).toEqual(['body', 'createdAt', 'id', 'link', 'title']);

    const read = await ctx.http.post(`/api/me/notifications/${inbox._id}/read`).set('Authorization', me.auth);
    expect(read.status).toBe(204);
    expect((await ctx.http.post(`/api/me/notifications/${inbox._id}/read`).set('Authorization', me.auth)).status).toBe(
      204,
    );
    const after = await ctx.http.get('/api/me/notifications').set('Authorization', me.auth);
    expect(after.body.unread).toBe(1);
    expect(after.body.items[0].readAt).toEqual(expect.any(String));

    const foreign = await ctx.http.post(`/api/me/notifications/${theirs._id}/read`).set('Authorization', me.auth);
    expect(foreign.status).toBe(404);
    expect((await Notification.findById(theirs._id).lean())!.readAt).toBeUndefined();
  });
});

describe('notify() and the subscribe-message sender', () => {
  it('when the same dedupe key is used twice, enqueues once', async () => {
    const r = await buildResident(ctx);
    const input = {
      title: '提醒',
      body: '明天活动',
      templateKey: 'activityReminder' as const,
      dedupeKey: `rem:${r.user.id}:1`,
    };
    const a = await notify(ctx.deps, r.user.id, input);
    const b = await notify(ctx.deps, r.user.id, input);
    expect(String(b.inbox._id)).toBe(String(a.inbox._id));
    expect(String(b.subscribe!._id)).toBe(String(a.subscribe!._id));
    expect(await Notification.countDocuments({ user: r.user.id })).toBe(2);
  });

  it('when the user has no consent for the template, never sends and marks the item skipped_no_consent', async () => {
    const r = await buildResident(ctx);
    const { subscribe } = await notify(ctx.deps, r.user.id, {
      title: '提醒',
      body: 'x',
      templateKey: 'activityReminder',
    });
    await sendDueNotifications(ctx.deps);
    expect(sentTo(r.openid)).toHaveLength(0);
    expect((await Notification.findById(subscribe!._id).lean())!.status).toBe('skipped_no_consent');
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);
  });

  it('when consent remains, sends through WeChat with the template data and spends one consent', async () => {
    const r = await buildResident(ctx);
    await accept(r.auth, tplReminder);
    const { subscribe } = await notify(ctx.deps, r.user.id, {
      title: '活动提醒',
      body: 'x',
      link: 'pages/activity/detail/index?id=1',
      templateKey: 'activityReminder',
      data: { thing1: '社区清洁', time2: { value: '2026-11-30 09:00' } },
    });
    await sendDueNotifications(ctx.deps);
    const sent = sentTo(r.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: tplReminder,
      page: 'pages/activity/detail/index?id=1',
      data: { thing1: { value: '社区清洁' }, time2: { value: '2026-11-30 09:00' } },
    });
    const doc = await Notification.findById(subscribe!._id).lean();
    expect(doc).toMatchObject({ status: 'sent', attempts: 1, msgid: sent[0].msgid });
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);
  });

  it('when two senders race over more messages than consents, sends exactly as many as consented', async () => {
    const r = await buildResident(ctx);
    await accept(r.auth, tplSignup);
    await accept(r.auth, tplSignup);
    for (let i = 0; i < 5; i++)
      await notify(ctx.deps, r.user.id, { title: `结果${i}`, body: 'x', templateKey: 'signupResult' });
    await Promise.all([sendDueNotifications(ctx.deps), sendDueNotifications(ctx.deps), sendDueNotifications(ctx.deps)]);
    expect(sentTo(r.openid)).toHaveLength(2);
    const statuses = (await Notification.find({ user: r.user.id, channel: 'subscribe' }).lean())
      .map((n) => n.status)
      .sort();
    expect(statuses).toEqual(['sent', 'sent', 'skipped_no_consent', 'skipped_no_consent', 'skipped_no_consent']);
    expect(await consentsOf(r.user.id, tplSignup)).toBe(0);
  });

  it('when WeChat is busy, retries with exponential backoff and spends one consent in total', async () => {
    const { r, subscribe } = await queuedReminder();
    ctx.sandbox.injectFault({ path: SEND, errcode: -1, times: 1 });
    ctx.sandbox.injectFault({ path: SEND, httpStatus: 500, times: 1 });
    const t0 = new Date();

    expect(await sendDueNotifications(ctx.deps, { now: t0 })).toMatchObject({ retried: 1 });
    let doc = await Notification.findById(subscribe!._id).lean();
    expect(doc).toMatchObject({ status: 'pending', attempts: 1 });
    expect(doc!.nextAttemptAt!.getTime()).toBe(t0.getTime() + BACKOFF_BASE_MS);
    expect(doc!.lastError).toMatch(/^-1 /);
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);

    // Not due yet: nothing happens.
    expect(await sendDueNotifications(ctx.deps, { now: new Date(t0.getTime() + BACKOFF_BASE_MS - 1) })).toMatchObject({
      retried: 0,
      sent: 0,
    });

    const t1 = new Date(t0.getTime() + BACKOFF_BASE_MS);
    expect(await sendDueNotifications(ctx.deps, { now: t1 })).toMatchObject({ retried: 1 });
    doc = await Notification.findById(subscribe!._id).lean();
    expect(doc!.nextAttemptAt!.getTime()).toBe(t1.getTime() + 2 * BACKOFF_BASE_MS);

    expect(await sendDueNotifications(ctx.deps, { now: new Date(t1.getTime() + 2 * BACKOFF_BASE_MS) })).toMatchObject({
      sent: 1,
    });
    expect(await Notification.findById(subscribe!._id).lean()).toMatchObject({ status: 'sent', attempts: 3 });
    expect(sentTo(r.openid)).toHaveLength(1);
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);
  });

  it('when attempts run out, marks the item failed and gives the unused consent back', async () => {
    const { r, subscribe } = await queuedReminder();
    ctx.sandbox.injectFault({ path: SEND, errcode: 45011, times: 10 });
    let now = Date.now();
    for (let i = 0; i < 3; i++) {
      await sendDueNotifications(ctx.deps, { now: new Date(now) });
      now += 3600 * 1000;
    }
    expect(await Notification.findById(subscribe!._id).lean()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(sentTo(r.openid)).toHaveLength(0);
    expect(await consentsOf(r.user.id, tplReminder)).toBe(1);
  });

  it('when WeChat rejects the request for good, fails at once and gives the consent back', async () => {
    const { r, subscribe } = await queuedReminder();
    ctx.sandbox.injectFault({ path: SEND, errcode: 40037, times: 1 });
    expect(await sendDueNotifications(ctx.deps)).toMatchObject({ failed: 1 });
    expect(await Notification.findById(subscribe!._id).lean()).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await consentsOf(r.user.id, tplReminder)).toBe(1);
  });

  it('when WeChat answers 43101 (no subscription on its side), skips and resets the stale count to zero', async () => {
    const { r, subscribe } = await queuedReminder(2);
    ctx.sandbox.injectFault({ path: SEND, errcode: 43101, times: 1 });
    expect(await sendDueNotifications(ctx.deps)).toMatchObject({ skipped: 1 });
    expect((await Notification.findById(subscribe!._id).lean())!.status).toBe('skipped_no_consent');
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);
  });

  it('when a sender crashed mid-send, the item is claimed again after its lease without spending a second consent', async () => {
    const { r, subscribe } = await queuedReminder();
    // Simulate a process that claimed the item and reserved a consent, then died.
    await User.updateOne({ _id: r.user.id }, { $inc: { [`subscribeConsents.${tplReminder}`]: -1 } });
    await Notification.updateOne(
      { _id: subscribe!._id },
      { $set: { status: 'sending', consentReserved: true, attempts: 1, leaseUntil: later(60_000) } },
    );
    expect(await sendDueNotifications(ctx.deps)).toMatchObject({ sent: 0 });
    expect(await sendDueNotifications(ctx.deps, { now: later(61_000) })).toMatchObject({ sent: 1 });
    expect(sentTo(r.openid)).toHaveLength(1);
    expect(await consentsOf(r.user.id, tplReminder)).toBe(0);
  });

  it('when the user does not exist, queues no subscribe message', async () => {
    const { subscribe } = await notify(ctx.deps, new Types.ObjectId().toHexString(), {
      title: '提醒',
      body: 'x',
      templateKey: 'activityReminder',
    });
    expect(subscribe).toBeUndefined();
  });

  it('when the account was deleted after the message was queued, skips it without sending', async () => {
    const { r, subscribe } = await queuedReminder();
    await User.updateOne({ _id: r.user.id }, { $set: { status: 'deleted' }, $unset: { openid: 1 } });
    expect(await sendDueNotifications(ctx.deps)).toMatchObject({ sent: 0 });
    expect(await Notification.findById(subscribe!._id).lean()).toMatchObject({
      status: 'skipped_no_consent',
      lastError: 'user_unavailable',
    });
    expect(sentTo(r.openid)).toHaveLength(0);
  });
});
