import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, type TestContext } from '../../../../test/support';
import { Community } from '../../org';
import { Notification } from '../../notifications';
import { AuditEntry } from '../../audit/model';
import { forgetCommunities } from '../residents';

let ctx: TestContext;
jest.setTimeout(60_000);
let north: string;
let south: string;
beforeAll(async () => {
  ctx = await createTestContext({ env: { STAFF_CONTENT_KEYWORDS: '违禁词' } });
  const district = new Types.ObjectId();
  const [a, b] = await Community.create([
    { key: `n-${Date.now()}`, name: '北苑社区', district, location: { type: 'Point', coordinates: [116.40, 39.92] } },
    { key: `s-${Date.now()}`, name: '南湖社区', district, location: { type: 'Point', coordinates: [116.40, 39.88] } },
  ]);
  north = String(a._id);
  south = String(b._id);
  forgetCommunities();
});
afterAll(async () => {
  await ctx.close();
});

const notice = (over: Record<string, unknown> = {}) => ({
  title: '小区停水通知',
  body: '<p onclick="x()">明天 9:00-12:00 <strong>停水</strong><script>alert(1)</script><a href="javascript:alert(1)">点我</a><a href="https://gov.cn/a">详情</a><img src="https://x/y.png"></p>',
  category: 'announcement',
  communityIds: [north],
  ...over,
});
const publish = (auth: string | null, body: Record<string, unknown>) => {
  const r = ctx.http.post('/api/admin/notices');
  return auth ? r.set('Authorization', auth).send(body) : r.send(body);
};

describe('notices', () => {
  test('when no one is signed in, 401; when the input is bad, 400 per field; when a resident or another community admin publishes, 403; when the community admin publishes, the body keeps only the safe subset', async () => {
    expect((await publish(null, notice())).status).toBe(401);
    const admin = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: north }] });
    const bad = await publish(admin.auth, notice({ title: '', category: 'x', expiresAt: 'soon', attachments: [{ name: 'a', url: 'http://x' }] }));
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.fields.map((f: { path: string }) => f.path))].sort()).toEqual(['attachments.0.url', 'category', 'expiresAt', 'title']);
    const resident = await buildResident(ctx);
    expect((await publish(resident.auth, notice())).status).toBe(403);
    const other = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: south }] });
    const wrong = await publish(other.auth, notice());
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe('只能向您管理的社区发布公告');
    expect((await publish(admin.auth, notice({ communityIds: [] }))).status).toBe(403);

    const ok = await publish(admin.auth, notice());
    expect(ok.status).toBe(201);
    expect(ok.body.outcome).toBe('published');
    const body: string = ok.body.notice.body;
    expect(body).toContain('<strong>停水</strong>');
    expect(body).toContain('<a href="https://gov.cn/a" rel="noopener noreferrer" target="_blank">详情</a>');
    for (const bad of ['script', 'onclick', 'javascript:', '<img']) expect(body).not.toContain(bad);
    expect(await AuditEntry.countDocuments({ action: 'notice.publish', 'target.id': ok.body.notice.id })).toBe(1);
  });

  test('when a staff notice matches the keyword list it waits in the review queue, hidden, until a district admin approves it', async () => {
    const district = await buildDistrictAdmin(ctx);
    const held = await publish(district.auth, notice({ title: '含违禁词的公告', communityIds: [] }));
    expect(held.status).toBe(201);
    expect(held.body.outcome).toBe('held_for_review');
    const id = held.body.notice.id;
    const resident = await buildResident(ctx);
    expect((await ctx.http.get(`/api/notices/${id}`).set('Authorization', resident.auth)).status).toBe(404);
    const queue = await ctx.http.get('/api/admin/review').query({ kind: 'notice' }).set('Authorization', district.auth);
    const item = queue.body.items.find((i: { text: string; title: string }) => i.title === '含违禁词的公告');
    expect(item).toBeDefined();
    const decided = await ctx.http
      .post(`/api/admin/review/notice/${item.id}/decision`)
      .set('Authorization', district.auth)
      .send({ decision: 'approve', version: item.version });
    expect(decided.status).toBe(200);
    const shown = await ctx.http.get(`/api/notices/${id}`).set('Authorization', resident.auth);
    expect(shown.status).toBe(200);
    expect(shown.body.status).toBe('published');
  });

  test('when residents read a notice, each reader counts once however often they open it', async () => {
    const district = await buildDistrictAdmin(ctx);
    const id = (await publish(district.auth, notice({ title: '阅读计数测试' }))).body.notice.id;
    const [r1, r2] = await Promise.all([buildResident(ctx), buildResident(ctx)]);
    await Promise.all([1, 2, 3].map(() => ctx.http.get(`/api/notices/${id}`).set('Authorization', r1.auth)));
    await ctx.http.get(`/api/notices/${id}`).set('Authorization', r2.auth);
    await ctx.http.get(`/api/notices/${id}`); // anonymous readers are not counted
    const after = await ctx.http.get(`/api/notices/${id}`).set('Authorization', r2.auth);
    expect(after.body.readCount).toBe(2);
  });

  test('when a resident chooses a community (or it is inferred from a point), its notices come first and expired ones are gone', async () => {
    const district = await buildDistrictAdmin(ctx);
    const southOnly = (await publish(district.auth, notice({ title: '南湖专属通知', communityIds: [south], pinned: true }))).body.notice.id;
    const northOnly = (await publish(district.auth, notice({ title: '北苑专属通知', communityIds: [north] }))).body.notice.id;
    const soon = new Date(Date.now() + 1500).toISOString();
    const expiring = (await publish(district.auth, notice({ title: '即将过期', communityIds: [north], expiresAt: soon }))).body.notice.id;
    const resident = await buildResident(ctx);
    const badChoice = await ctx.http.put('/api/me/community').set('Authorization', resident.auth).send({ communityId: 'x' });
    expect(badChoice.status).toBe(400);
    const chosen = await ctx.http.put('/api/me/community').set('Authorization', resident.auth).send({ location: { lng: 116.401, lat: 39.881 } });
    expect(chosen.body).toMatchObject({ community: { id: south, name: '南湖社区' }, inferred: true });
    await ctx.http.put('/api/me/community').set('Authorization', resident.auth).send({ communityId: north });
    await new Promise((r) => setTimeout(r, 1600));
    const list = await ctx.http.get('/api/notices').query({ pageSize: 100 }).set('Authorization', resident.auth);
    const ids: string[] = list.body.items.map((n: { id: string }) => n.id);
    expect(ids).not.toContain(expiring);
    expect(ids.indexOf(northOnly)).toBeLessThan(ids.indexOf(southOnly));
    const flags = list.body.items.map((n: { forMyCommunity: boolean }) => n.forMyCommunity);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  test('when an urgent alert is published, subscribed residents of its community get a message and a subscribe message, once', async () => {
    const district = await buildDistrictAdmin(ctx);
    const [inNorth, inSouth, notSubscribed] = await Promise.all([buildResident(ctx), buildResident(ctx), buildResident(ctx)]);
    for (const [r, c] of [[inNorth, north], [inSouth, south], [notSubscribed, north]] as const) {
      await ctx.http.put('/api/me/community').set('Authorization', r.auth).send({ communityId: c });
    }
    expect((await ctx.http.put('/api/me/community/alerts').set('Authorization', inNorth.auth).send({ alerts: 'yes' })).status).toBe(400);
    for (const r of [inNorth, inSouth]) {
      const on = await ctx.http.put('/api/me/community/alerts').set('Authorization', r.auth).send({ alerts: true });
      expect(on.body.alerts).toBe(true);
    }
    const alert = await publish(district.auth, notice({ title: '暴雨预警：下穿通道积水', category: 'alert', urgent: true }));
    expect(alert.body.notice.urgent).toBe(true);
    const got = async (userId: string) => Notification.find({ user: userId, title: '紧急提醒：暴雨预警：下穿通道积水' }).lean();
    const northMsgs = await got(inNorth.user.id);
    expect(northMsgs.map((m) => m.channel).sort()).toEqual(['inbox', 'subscribe']);
    expect(northMsgs.find((m) => m.channel === 'subscribe')?.templateId).toBe('tpl_community_alert');
    expect(await got(inSouth.user.id)).toHaveLength(0);
    expect(await got(notSubscribed.user.id)).toHaveLength(0);

    const home = await ctx.http.get('/api/home').set('Authorization', inNorth.auth);
    expect(home.status).toBe(200);
    expect(home.body.community).toEqual({ id: north, name: '北苑社区' });
    expect(home.body.alerts.map((n: { title: string }) => n.title)).toContain('暴雨预警：下穿通道积水');
    const southHome = await ctx.http.get('/api/home').query({ communityId: south });
    expect(southHome.body.alerts.map((n: { title: string }) => n.title)).not.toContain('暴雨预警：下穿通道积水');
  });

  test('when an admin withdraws a notice it leaves the list; withdrawing twice is a 409', async () => {
    const admin = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: north }] });
    const id = (await publish(admin.auth, notice({ title: '将被撤回' }))).body.notice.id;
    const other = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: south }] });
    expect((await ctx.http.post(`/api/admin/notices/${id}/withdraw`).set('Authorization', other.auth)).status).toBe(403);
    const w = await ctx.http.post(`/api/admin/notices/${id}/withdraw`).set('Authorization', admin.auth);
    expect(w.body.outcome).toBe('withdrawn');
    expect((await ctx.http.post(`/api/admin/notices/${id}/withdraw`).set('Authorization', admin.auth)).status).toBe(409);
    const list = await ctx.http.get('/api/notices').query({ communityId: north, pageSize: 100 });
    expect(list.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    const mine = await ctx.http.get('/api/admin/notices').set('Authorization', admin.auth);
    expect(mine.body.items.find((n: { id: string }) => n.id === id).status).toBe('withdrawn');
  });
});

describe('editing a published notice', () => {
  const edit = (auth: string | null, id: string, body: Record<string, unknown>) => {
    const r = ctx.http.put(`/api/admin/notices/${id}`);
    return auth ? r.set('Authorization', auth).send(body) : r.send(body);
  };

  test('when no one is signed in, 401; bad input, 400 per field; another community admin, 403; the community admin edits it in place, sanitized and audited', async () => {
    const admin = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: north }] });
    const id: string = (await publish(admin.auth, notice())).body.notice.id;
    expect((await edit(null, id, notice())).status).toBe(401);
    const bad = await edit(admin.auth, id, notice({ title: '', category: 'x' }));
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.fields.map((f: { path: string }) => f.path))].sort()).toEqual(['category', 'title']);
    const other = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: south }] });
    expect((await edit(other.auth, id, notice({ communityIds: [south] }))).status).toBe(403);
    expect((await edit(admin.auth, id, notice({ communityIds: [south] }))).status).toBe(403);

    const ok = await edit(admin.auth, id, notice({ title: '小区停水时间调整', body: '<p>改为 14:00-16:00<script>x</script></p>' }));
    expect(ok.status).toBe(200);
    expect(ok.body.outcome).toBe('updated');
    expect(ok.body.notice.title).toBe('小区停水时间调整');
    expect(ok.body.notice.body).toBe('<p>改为 14:00-16:00</p>');
    const audit = await AuditEntry.findOne({ action: 'notice.edit', 'target.id': id }).lean();
    expect(audit?.before).toMatchObject({ title: '小区停水通知' });
    expect(audit?.after).toMatchObject({ title: '小区停水时间调整', status: 'published' });
  });

  test('when the edit hits the keyword list the notice goes back to review; a withdrawn notice cannot be edited', async () => {
    const district = await buildDistrictAdmin(ctx);
    const id: string = (await publish(district.auth, notice({ communityIds: [] }))).body.notice.id;
    const held = await edit(district.auth, id, notice({ title: '含违禁词的修改', communityIds: [] }));
    expect(held.status).toBe(200);
    expect(held.body.outcome).toBe('held_for_review');
    expect(held.body.notice.status).toBe('pending_review');
    expect((await ctx.http.post(`/api/admin/notices/${id}/withdraw`).set('Authorization', district.auth)).status).toBe(200);
    const late = await edit(district.auth, id, notice({ communityIds: [] }));
    expect(late.status).toBe(409);
  });
});
