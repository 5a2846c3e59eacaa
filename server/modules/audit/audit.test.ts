import { Types } from 'mongoose';
import {
  createTestContext,
  buildResident,
  buildStaff,
  buildDistrictAdmin,
  type TestContext,
} from '../../../test/support';
import type { Actor } from '../../http/actor';
import { AuditEntry } from './model';
import { recordAudit } from './record';
import { sanitizeForAudit } from './sanitize';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const actorOf = (userId: string): Actor => ({
  userId,
  kind: 'staff',
  roles: [{ role: 'district_admin' }],
  consentVersion: null,
  realNameVerified: false,
  tokenId: 't',
});

describe('recordAudit', () => {
  it('when a snapshot carries secrets or an ID number, stores it without them', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const target = new Types.ObjectId().toHexString();
    await recordAudit({
      actor: actorOf(admin.user.id),
      action: 'user.updated',
      target: { type: 'user', id: target },
      before: { passwordHash: 'scrypt$abc', idNumber: '11010519491231002X', note: '证件 11010519491231002X 已核对' },
      after: { realName: { idNumberEnc: 'v1.x', idNumberHash: 'h', nameMasked: '张*' }, tokenHash: 'x' },
      requestId: 'req-1',
    });
    const entry = await AuditEntry.findOne({ 'target.id': target }).lean();
    expect(entry!.actor).toMatchObject({ kind: 'staff', displayName: admin.user.displayName });
    expect(entry!.before).toEqual({ idNumber: '1101**********002X', note: '证件 1101**********002X 已核对' });
    expect(entry!.after).toEqual({ realName: { nameMasked: '张*' } });
  });

  it('when the actor is the system, records its name', async () => {
    await recordAudit({ actor: { system: 'jobs' }, action: 'system.tick', target: { type: 'job', id: 'x1' } });
    const entry = await AuditEntry.findOne({ action: 'system.tick' }).lean();
    expect(entry!.actor).toMatchObject({ kind: 'system', system: 'jobs', displayName: 'jobs' });
  });

  it('sanitizeForAudit leaves ordinary values alone', () => {
    const at = new Date();
    expect(sanitizeForAudit({ a: 1, b: [true, 'x'], at })).toEqual({ a: 1, b: [true, 'x'], at });
  });
});

describe('GET /api/admin/audit', () => {
  it('when no token is sent, answers 401', async () => {
    expect((await ctx.http.get('/api/admin/audit')).status).toBe(401);
  });

  it('when filters are malformed, answers 400 with the field messages', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const res = await ctx.http
      .get('/api/admin/audit?actor=nope&page=0&from=2026-02-01&to=2026-01-01')
      .set('Authorization', admin.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'actor', message: '编号格式不正确' },
        { path: 'page', message: '页码至少为 1' },
      ]),
    );
    const period = await ctx.http
      .get('/api/admin/audit?from=2026-02-01&to=2026-01-01')
      .set('Authorization', admin.auth);
    expect(period.status).toBe(400);
    expect(period.body.error.fields).toEqual([{ path: 'to', message: '开始时间不能晚于结束时间' }]);
  });

  it('when the caller is not a district admin, answers 403', async () => {
    const r = await buildResident(ctx);
    const lawyer = await buildStaff(ctx, { roles: [{ role: 'lawyer', scopeType: 'clinic', scopeId: 'c1' }] });
    for (const auth of [r.auth, lawyer.auth]) {
      expect((await ctx.http.get('/api/admin/audit').set('Authorization', auth)).status).toBe(403);
    }
  });

  it('when a district admin asks, lists entries newest first, filtered and paginated', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const other = await buildDistrictAdmin(ctx);
    const t = new Types.ObjectId().toHexString();
    const base = new Date('2026-03-01T00:00:00Z').getTime();
    for (let i = 0; i < 3; i++) {
      await recordAudit({
        actor: actorOf(admin.user.id),
        action: 'demo.edit',
        target: { type: 'team', id: t },
        after: { i },
        at: new Date(base + i * 1000),
      });
    }
    await recordAudit({
      actor: actorOf(other.user.id),
      action: 'demo.edit',
      target: { type: 'team', id: t },
      at: new Date(base + 5000),
    });

    const byActor = await ctx.http
      .get(`/api/admin/audit?actor=${admin.user.id}&action=demo.edit&pageSize=2`)
      .set('Authorization', admin.auth);
    expect(byActor.status).toBe(200);
    expect(byActor.body.total).toBe(3);
    expect(byActor.body.items.map((e: { after: { i: number } }) => e.after.i)).toEqual([2, 1]);
    expect(byActor.body.items[0]).toEqual({
      id: expect.any(String),
      actor: { id: admin.user.id, kind: 'staff', displayName: admin.user.displayName },
      action: 'demo.edit',
      target: { type: 'team', id: t },
      after: { i: 2 },
      at: new Date(base + 2000).toISOString(),
    });
    const page2 = await ctx.http
      .get(`/api/admin/audit?actor=${admin.user.id}&action=demo.edit&pageSize=2&page=2`)
      .set('Authorization', admin.auth);
    expect(page2.body.items.map((e: { after: { i: number } }) => e.after.i)).toEqual([0]);

    const byTarget = await ctx.http
      .get(`/api/admin/audit?targetType=team&targetId=${t}`)
      .set('Authorization', admin.auth);
    expect(byTarget.body.total).toBe(4);
    expect(byTarget.body.items[0].actor.id).toBe(other.user.id);

    const byPeriod = await ctx.http
      .get(
        `/api/admin/audit?targetId=${t}&from=${new Date(base + 1000).toISOString()}&to=${new Date(base + 2000).toISOString()}`,
      )
      .set('Authorization', admin.auth);
    expect(byPeriod.body.total).toBe(2);
  });
});

describe('GET /api/admin/audit: object names', () => {
  it('when an entry is about an account that exists, it carries the account name; an unknown object carries none', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const resident = await buildResident(ctx);
    const gone = new Types.ObjectId().toHexString();
    await recordAudit({ actor: actorOf(admin.user.id), action: 'demo.edit', target: { type: 'user', id: resident.user.id } });
    await recordAudit({ actor: actorOf(admin.user.id), action: 'demo.edit', target: { type: 'user', id: gone } });
    const res = await ctx.http.get(`/api/admin/audit?actor=${admin.user.id}`).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    const targets = res.body.items.map((e: { target: unknown }) => e.target);
    expect(targets).toEqual([
      { type: 'user', id: gone },
      { type: 'user', id: resident.user.id, title: resident.user.displayName },
    ]);
  });
});
