import mongoose from 'mongoose';
import { createTestContext, buildResident, buildDistrictAdmin, type TestContext } from '../../../test/support';
import { buildVerifiedResident } from '../../../test/support/factories-realname';
import { User } from '../users/model';
import { Session } from '../auth/session-model';
import { Notification } from '../notifications/model';
import { notify } from '../notifications/notify';
import { AuditEntry } from '../audit/model';
import { currentPolicyVersion } from './policy-text';
import { volunteeringModule } from '../volunteering';
import { deleteAccount } from './erase';
import { OutboxEvent } from '../../platform/outbox/model';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/me/consent', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.post('/api/me/consent').send({ version: currentPolicyVersion() })).status).toBe(401);
  });

  it('when the version is missing, answers 400 with the field message', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http.post('/api/me/consent').set('Authorization', r.auth).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'version', message: '缺少隐私政策版本' }]);
  });

  it('when the version is not the current one, answers 409 consent_version_mismatch', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http.post('/api/me/consent').set('Authorization', r.auth).send({ version: '2020-01-01' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('consent_version_mismatch');
    expect((await User.findById(r.user.id).lean())!.consent.version).toBeNull();
  });

  it('when the current version is agreed, records it once and opens the consent gate', async () => {
    const r = await buildResident(ctx, { consented: false });
    const gated = await ctx.http.get('/api/me/notifications').set('Authorization', r.auth);
    expect(gated.status).toBe(403);
    expect(gated.body.error.code).toBe('consent_required');

    const version = currentPolicyVersion();
    const res = await ctx.http.post('/api/me/consent').set('Authorization', r.auth).send({ version });
    expect(res.status).toBe(200);
    expect(res.body.user.consent).toEqual({ version, current: version, required: false });
    await ctx.http.post('/api/me/consent').set('Authorization', r.auth).send({ version });
    const doc = await User.findById(r.user.id).lean();
    expect(doc!.consent.history.map((h) => h.version)).toEqual([version]);

    expect((await ctx.http.get('/api/me/notifications').set('Authorization', r.auth)).status).toBe(200);
  });
});

describe('GET /api/me/export', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.get('/api/me/export')).status).toBe(401);
  });

  it('when not yet consented, still lets the user download their data', async () => {
    const r = await buildResident(ctx, { consented: false });
    const res = await ctx.http.get('/api/me/export').set('Authorization', r.auth);
    expect(res.status).toBe(200);
  });

  it('when called, downloads JSON with profile, sessions, consents, subscriptions, notifications and audit entries — ID masked, no token hashes', async () => {
    const v = await buildVerifiedResident(ctx, { phone: '13900001111' });
    await notify(ctx.deps, v.user.id, {
      title: '活动提醒',
      body: '明天 9 点社区清洁',
      templateKey: 'activityReminder',
    });
    await ctx.http
      .post('/api/me/subscriptions')
      .set('Authorization', v.auth)
      .send({ results: { [ctx.config.WECHAT_TEMPLATE_SIGNUP_RESULT]: 'accept' } });
    const admin = await buildDistrictAdmin(ctx);
    await ctx.http.get(`/api/admin/users/${v.user.id}/personal`).set('Authorization', admin.auth);

    const res = await ctx.http.get('/api/me/export').set('Authorization', v.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="linli-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(res.text);
    expect(data.profile).toMatchObject({
      id: v.user.id,
      openid: v.openid,
      phone: '13900001111',
      realName: { idNumberMasked: `${v.idNumber.slice(0, 4)}**********${v.idNumber.slice(-4)}` },
    });
    expect(data.consents).toEqual([{ version: currentPolicyVersion(), at: expect.any(String) }]);
    expect(data.subscribeConsents[ctx.config.WECHAT_TEMPLATE_SIGNUP_RESULT]).toBe(1);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.notifications.map((n: { title: string; channel: string }) => `${n.channel}:${n.title}`).sort()).toEqual(
      ['inbox:活动提醒', 'subscribe:活动提醒'],
    );
    expect(data.auditEntries).toEqual([
      expect.objectContaining({ action: 'personal_data.viewed', target: { type: 'user', id: v.user.id } }),
    ]);
    expect(res.text).not.toContain(v.idNumber);
    expect(res.text).not.toMatch(/tokenHash|idNumberHash|idNumberEnc|nameEnc/);
    const session = await Session.findOne({ userId: v.user.id }).lean();
    expect(res.text).not.toContain(session!.tokenHash);
    expect(res.text).not.toContain(v.token);
  });
});

describe('GET /api/me/export (other modules)', () => {
  it('when another module keeps documents about the user, includes them without secrets', async () => {
    const Thing =
      mongoose.models.PrivacyTestThing ??
      mongoose.model(
        'PrivacyTestThing',
        new mongoose.Schema(
          { user: mongoose.Schema.Types.ObjectId, note: String, tokenHash: String },
          { collection: 'privacy_test_things' },
        ),
      );
    const r = await buildResident(ctx);
    const other = await buildResident(ctx);
    await Thing.create({ user: r.user.id, note: '我的记录', tokenHash: 'secret-hash' });
    await Thing.create({ user: other.user.id, note: '别人的记录' });
    const res = await ctx.http.get('/api/me/export').set('Authorization', r.auth);
    const data = JSON.parse(res.text);
    expect(data.other.privacy_test_things).toEqual([expect.objectContaining({ note: '我的记录' })]);
    expect(res.text).not.toContain('secret-hash');
    expect(res.text).not.toContain('别人的记录');
  });
});

describe('DELETE /api/me', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.delete('/api/me')).status).toBe(401);
  });

  it('when called, anonymises the account, revokes every session, and a new login starts a clean account', async () => {
    const v = await buildVerifiedResident(ctx, { phone: '13700002222' });
    const second = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(v.openid) });
    expect(second.status).toBe(200);
    await notify(ctx.deps, v.user.id, { title: '通知', body: '内容' });

    const res = await ctx.http.delete('/api/me').set('Authorization', v.auth);
    expect(res.status).toBe(204);

    expect((await ctx.http.get('/api/me').set('Authorization', v.auth)).status).toBe(401);
    expect((await ctx.http.get('/api/me').set('Authorization', `Bearer ${second.body.token}`)).status).toBe(401);
    expect(await Session.countDocuments({ userId: v.user.id, revokedAt: { $exists: false } })).toBe(0);

    const raw = await mongoose.connection
      .db!.collection('users')
      .findOne({ _id: new mongoose.Types.ObjectId(v.user.id) });
    expect(raw).toMatchObject({ status: 'deleted', displayName: '已注销用户', roles: [] });
    for (const k of ['openid', 'unionid', 'phone', 'realName', 'username', 'passwordHash'])
      expect(raw).not.toHaveProperty(k);
    expect(JSON.stringify(raw)).not.toContain('13700002222');
    expect(await Notification.countDocuments({ user: v.user.id })).toBe(0);
    expect(await AuditEntry.countDocuments({ action: 'user.deleted', 'target.id': v.user.id })).toBe(1);

    const again = await buildResident(ctx, { openid: v.openid });
    expect(again.user.id).not.toBe(v.user.id);
    expect(again.user.realName).toBeNull();
    // The ID number is free again for the person's new account.
    const verify = await ctx.http
      .post('/api/me/real-name')
      .set('Authorization', again.auth)
      .send({ name: v.name, idNumber: v.idNumber });
    expect(verify.status).toBe(200);
  });

  it('when a module registered an eraser, runs it for the deleted user (and again harmlessly on a retry)', async () => {
    // Volunteering's section, as the module list hands it to privacy: watched, and still run for real.
    const erase = jest.spyOn(volunteeringModule.privacy, 'erase');
    const r = await buildResident(ctx);
    expect((await ctx.http.delete('/api/me').set('Authorization', r.auth)).status).toBe(204);
    await deleteAccount(ctx.deps, r.user.id);
    expect(erase.mock.calls.filter(([userId]) => String(userId) === r.user.id)).toHaveLength(2);
    erase.mockRestore();
    expect(await AuditEntry.countDocuments({ action: 'user.deleted', 'target.id': r.user.id })).toBe(1);
  });

  it('when a module\'s eraser fails midway, nothing of the deletion is kept: the account, its sessions and messages stay, no audit entry', async () => {
    const r = await buildResident(ctx);
    await notify(ctx.deps, r.user.id, { title: '通知', body: '内容' });
    const erase = jest.spyOn(volunteeringModule.privacy, 'erase').mockRejectedValueOnce(new Error('disk gone'));
    try {
      await expect(deleteAccount(ctx.deps, r.user.id)).rejects.toThrow('disk gone');
    } finally {
      erase.mockRestore();
    }
    expect((await ctx.http.get('/api/me').set('Authorization', r.auth)).status).toBe(200);
    expect(await Notification.countDocuments({ user: r.user.id })).toBe(1);
    expect(await AuditEntry.countDocuments({ action: 'user.deleted', 'target.id': r.user.id })).toBe(0);
    // The retry completes it, audited once through its event.
    expect((await ctx.http.delete('/api/me').set('Authorization', r.auth)).status).toBe(204);
    expect(await AuditEntry.countDocuments({ action: 'user.deleted', 'target.id': r.user.id })).toBe(1);
    expect(await OutboxEvent.countDocuments({ type: 'user.deleted', aggregate: `user:${r.user.id}`, status: 'delivered' })).toBe(1);
  });

  it('when two deletions race, the result is the same single deletion', async () => {
    const r = await buildResident(ctx);
    const [a, b] = await Promise.all([
      ctx.http.delete('/api/me').set('Authorization', r.auth),
      ctx.http.delete('/api/me').set('Authorization', r.auth),
    ]);
    expect([a.status, b.status]).toContain(204);
    for (const s of [a.status, b.status]) expect([204, 401]).toContain(s);
    expect(await AuditEntry.countDocuments({ action: 'user.deleted', 'target.id': r.user.id })).toBe(1);
  });

  it('when a staff account is anonymised, its audit entries stay but show the anonymous name', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const v = await buildVerifiedResident(ctx);
    await ctx.http.get(`/api/admin/users/${v.user.id}/personal`).set('Authorization', admin.auth);
    expect((await ctx.http.delete('/api/me').set('Authorization', admin.auth)).status).toBe(204);
    const entry = await AuditEntry.findOne({ 'actor.id': admin.user.id }).lean();
    expect(entry!.actor.displayName).toBe('已注销用户');
  });
});
