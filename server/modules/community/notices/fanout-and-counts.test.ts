import { Types } from 'mongoose';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { checkInvariants } from '../../../platform/invariants';
import { Notification } from '../../notifications';
import { Community } from '../../org';
import { forgetCommunities, ResidentCommunity } from '../residents';
import { AlertFanout, runAlertFanout } from './fanout';
import { FANOUT_STALL_MS } from './invariants';
import { Notice, NoticeRead } from './model';

let ctx: TestContext;
let community: string;
jest.setTimeout(90_000);
beforeAll(async () => {
  ctx = await createTestContext();
  const [c] = await Community.create([{ key: `fo-${Date.now()}`, name: '扇出社区', district: new Types.ObjectId(), location: { type: 'Point', coordinates: [116.4, 39.9] } }]);
  community = String(c._id);
  forgetCommunities();
});
afterAll(async () => {
  await ctx.close();
});

const publishAlert = async (auth: string, title: string) =>
  (await ctx.http.post('/api/admin/notices').set('Authorization', auth).send({ title, body: '<p>注意安全</p>', category: 'alert', urgent: true, communityIds: [community] })).body
    .notice.id as string;

async function subscribers(n: number) {
  const rs = await Promise.all(Array.from({ length: n }, () => buildResident(ctx)));
  for (const r of rs) {
    await ctx.http.put('/api/me/community').set('Authorization', r.auth).send({ communityId: community });
    await ctx.http.put('/api/me/community/alerts').set('Authorization', r.auth).send({ alerts: true });
  }
  return rs;
}

describe('urgent alert fan-out', () => {
  test('when the push stops part-way (a crash after the first page), running it again sends to the rest and to no one twice', async () => {
    const residents = await subscribers(7);
    const admin = await buildDistrictAdmin(ctx);
    // Not urgent at first, so the outbox's own push does not run; the test drives the fan-out.
    const title = '台风预警：请加固门窗';
    const id = (await ctx.http.post('/api/admin/notices').set('Authorization', admin.auth).send({ title, body: '<p>x</p>', category: 'alert', communityIds: [community] })).body.notice
      .id as string;
    const alert = { id, title, communityIds: [community], at: new Date() };
    const crash = new Error('process died');
    await expect(
      runAlertFanout(ctx.deps, alert, {
        batchSize: 3,
        afterPage: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const partway = await AlertFanout.findOne({ notice: id }).lean();
    expect(partway).toMatchObject({ sent: 3, done: false });

    const done = await runAlertFanout(ctx.deps, alert, { batchSize: 3 });
    expect(done).toMatchObject({ done: true, sent: 7 });
    for (const r of residents) {
      expect(await Notification.countDocuments({ user: r.user.id, title: `紧急提醒：${title}`, channel: 'inbox' })).toBe(1);
    }
    // Delivered again once finished: nothing more is sent.
    expect(await runAlertFanout(ctx.deps, alert, { batchSize: 3 })).toMatchObject({ done: true, sent: 7 });
    expect(await Notification.countDocuments({ title: `紧急提醒：${title}`, channel: 'inbox' })).toBe(7);
  });

  test('when an urgent alert is published, the outbox push reaches every subscriber once and records its fan-out as done', async () => {
    const residents = await subscribers(3);
    const admin = await buildDistrictAdmin(ctx);
    const id = await publishAlert(admin.auth, '暴雨红色预警');
    const fanout = await AlertFanout.findOne({ notice: id }).lean();
    expect(fanout?.done).toBe(true);
    expect(fanout?.sent).toBeGreaterThanOrEqual(3);
    for (const r of residents) expect(await Notification.countDocuments({ user: r.user.id, title: '紧急提醒：暴雨红色预警', channel: 'inbox' })).toBe(1);
  });

  test('when a fan-out has not moved for a while, the invariant check reports it', async () => {
    const notice = new Types.ObjectId();
    const old = new Date(Date.now() - FANOUT_STALL_MS - 60_000);
    await AlertFanout.create({ notice, after: null, sent: 40, done: false, startedAt: old, updatedAt: old });
    const found = (await checkInvariants('all')).filter((v) => v.invariant === 'alert-fanouts-finish' && v.subject === `notice:${String(notice)}`);
    expect(found).toHaveLength(1);
    expect(found[0].found).toBe('stalled after 40');
  });
});

describe('read counts', () => {
  test('when a notice read count drifts from its read rows, the invariant reports it and its fix recomputes it from the rows', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const id = (await ctx.http.post('/api/admin/notices').set('Authorization', admin.auth).send({ title: '读数校验', body: '<p>x</p>', category: 'announcement' })).body.notice.id as string;
    const [a, b] = await Promise.all([buildResident(ctx), buildResident(ctx)]);
    for (const r of [a, b, a]) await ctx.http.get(`/api/notices/${id}`).set('Authorization', r.auth);
    const mine = async () => (await checkInvariants('all')).filter((v) => v.subject === `notice:${id}`);
    expect(await mine()).toEqual([]);
    // A crash or a hand edit leaves the counter wrong.
    await Notice.updateOne({ _id: id }, { $set: { readCount: 5 } });
    const [v] = await mine();
    expect(v).toMatchObject({ invariant: 'notice-read-counts', expected: 2, found: 5 });
    await v.fix!();
    expect((await Notice.findById(id).lean())?.readCount).toBe(2);
    expect(await NoticeRead.countDocuments({ notice: id })).toBe(2);
    expect(await mine()).toEqual([]);
  });
});

describe('privacy', () => {
  test('when a resident exports their data it lists their community, alert choice and reads; when they delete the account those go, and the read counts still agree with the rows', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const id = (await ctx.http.post('/api/admin/notices').set('Authorization', admin.auth).send({ title: '隐私测试公告', body: '<p>x</p>', category: 'announcement' })).body.notice.id as string;
    const [r] = await subscribers(1);
    await ctx.http.get(`/api/notices/${id}`).set('Authorization', r.auth);
    const exported = await ctx.http.get('/api/me/export').set('Authorization', r.auth);
    expect(exported.status).toBe(200);
    const data = JSON.parse(exported.text) as { community: { community: { community: string; alerts: boolean }; noticesRead: { notice: string }[] } };
    expect(data.community.community).toMatchObject({ community, alerts: true });
    expect(data.community.noticesRead.map((x) => String(x.notice))).toEqual([id]);

    expect((await ctx.http.delete('/api/me').set('Authorization', r.auth)).status).toBe(204);
    expect(await NoticeRead.countDocuments({ user: r.user.id })).toBe(0);
    expect(await ResidentCommunity.countDocuments({ user: r.user.id })).toBe(0);
    expect((await Notice.findById(id).lean())?.readCount).toBe(1);
    expect(await NoticeRead.countDocuments({ notice: id })).toBe(1);
    expect((await checkInvariants('all')).filter((v) => v.subject === `notice:${id}`)).toEqual([]);
  });
});
