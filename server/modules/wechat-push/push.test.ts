import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { DEV_WECHAT_MESSAGE_TOKEN } from '../../../config/env';
import { buildDistrictAdmin, buildResident, createTestContext, type TestContext } from '../../../test/support';
import { buildActivityWithShift, buildSignup, buildTeamWithAdmin } from '../volunteering/attendance/fixtures';
import { Activity } from '../volunteering/activities/model';
import { Photo } from '../volunteering/gallery/model';
import { Signup } from '../volunteering/signups/model';
import { buildTestImages } from '../volunteering/gallery/test-images';

jest.setTimeout(30_000);

let ctx: TestContext;
let dataDir: string;
// A real photo: the upload pipeline decodes and re-encodes every image, so a hand-made header would be refused.
let jpeg: Buffer;
beforeAll(async () => {
  ({ jpegClean: jpeg } = await buildTestImages());
  dataDir = await mkdtemp(path.join(tmpdir(), 'linli-push-'));
  ctx = await createTestContext({ env: { LINLI_DATA_DIR: dataDir }, wechatPush: true });
});
afterAll(async () => {
  await ctx?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A checked-in participant of a running activity uploads one photo (202, `checking`). */
async function uploadAsParticipant(c: TestContext) {
  const { team, admin } = await buildTeamWithAdmin(c);
  const start = new Date(Date.now() - 3_600_000);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start,
    end: new Date(start.getTime() + 3 * 3_600_000),
  });
  const volunteer = await buildResident(c);
  const signup = await buildSignup({ userId: volunteer.user.id, activity, shift });
  await Signup.updateOne({ _id: signup._id }, { $set: { checkinAt: new Date() } });
  const res = await c.http
    .post(`/api/activities/${String(activity._id)}/photos`)
    .set('Authorization', volunteer.auth)
    .set('Content-Type', 'image/jpeg')
    .send(jpeg);
  expect(res.status).toBe(202);
  expect(res.body.outcome).toBe('checking');
  return { activityId: String(activity._id), photoId: res.body.photo.id as string };
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statusOf = async (photoId: string) => (await Photo.findById(photoId).lean())?.status;

/** Signed as WeChat signs: sha1 of the sorted [token, timestamp, nonce] (written out here, not imported). */
function signedQuery(token: string, timestamp = Math.floor(Date.now() / 1000)) {
  const nonce = randomBytes(6).toString('hex');
  const ts = String(timestamp);
  const signature = createHash('sha1').update([token, ts, nonce].sort().join('')).digest('hex');
  return { signature, timestamp: ts, nonce };
}

const mediaCheckEvent = (traceId: string, suggest: 'pass' | 'risky' | 'review') => ({
  ToUserName: 'gh_test',
  FromUserName: 'test_push',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx_test',
  trace_id: traceId,
  version: 2,
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label: suggest === 'risky' ? 20002 : 100 },
});

/** A photo waiting for its verdict, with a trace id no sandbox will ever answer. */
async function checkingPhoto(c: TestContext) {
  const traceId = `t${randomBytes(10).toString('hex')}`;
  const photo = await Photo.create({
    activity: new Types.ObjectId(),
    team: new Types.ObjectId(),
    uploader: new Types.ObjectId(),
    file: 'none.jpg',
    mime: 'image/jpeg',
    bytes: 1,
    sha256: 'x'.repeat(64),
    status: 'checking',
    traceId,
    fetchKey: randomBytes(16).toString('hex'),
    createdAt: c.deps.now(),
  });
  return { traceId, photoId: String(photo._id) };
}

describe('WeChat message push: asynchronous image-check results', () => {
  it('when the sandbox pushes "pass" for an uploaded photo, it becomes public', async () => {
    const { activityId, photoId } = await uploadAsParticipant(ctx);
    const items = await waitFor(
      async () => (await ctx.http.get(`/api/activities/${activityId}/photos`)).body.items as { id: string }[],
      (list) => list.length > 0,
    );
    expect(items.map((p) => p.id)).toEqual([photoId]);
    expect(await statusOf(photoId)).toBe('visible');
    const check = ctx.sandbox.mediaChecks().find((c) => c.media_url.includes(photoId));
    expect(check).toMatchObject({ suggest: 'pass', delivery: 'pushed' });
  });

  it('when the sandbox pushes "risky", the photo is hidden with a reason and never public', async () => {
    // The sandbox's checker cannot look at pictures: a media URL containing "risky" decides.
    const publicBase = ctx.deps.config.PUBLIC_BASE_URL;
    ctx.deps.config.PUBLIC_BASE_URL = 'https://risky-photos.example';
    const { activityId, photoId } = await uploadAsParticipant(ctx).finally(() => {
      ctx.deps.config.PUBLIC_BASE_URL = publicBase;
    });
    const status = await waitFor(
      () => statusOf(photoId),
      (s) => s !== 'checking',
    );
    expect(status).toBe('hidden');
    expect((await Photo.findById(photoId).lean())?.hiddenReason).toBe('内容安全检测未通过');
    expect((await ctx.http.get(`/api/activities/${activityId}/photos`)).body.items).toEqual([]);
    expect(ctx.sandbox.mediaChecks().find((c) => c.media_url.includes(photoId))).toMatchObject({
      suggest: 'risky',
      delivery: 'pushed',
    });
  });

  it('when a push is forged, stale or unsigned, it is refused and the photo stays checking', async () => {
    const { traceId, photoId } = await checkingPhoto(ctx);
    const body = mediaCheckEvent(traceId, 'pass');

    const forged = await ctx.http.post('/api/wechat/push').query(signedQuery('someoneElsesToken')).send(body);
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('forbidden');

    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const stale = await ctx.http.post('/api/wechat/push').query(signedQuery(DEV_WECHAT_MESSAGE_TOKEN, tenMinutesAgo)).send(body);
    expect(stale.status).toBe(403);

    const unsigned = await ctx.http.post('/api/wechat/push').send(body);
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.code).toBe('validation_failed');
    expect(unsigned.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'nonce',
      'signature',
      'timestamp',
    ]);

    expect(await statusOf(photoId)).toBe('checking');

    // The same body, correctly signed, is accepted: the refusals above were about the signature.
    const genuine = await ctx.http.post('/api/wechat/push').query(signedQuery(DEV_WECHAT_MESSAGE_TOKEN)).send(body);
    expect(genuine.status).toBe(200);
    expect(genuine.text).toBe('success');
    expect(await statusOf(photoId)).toBe('visible');
  });

  it('when a push is repeated, or a different verdict comes after the first, nothing changes', async () => {
    const { traceId, photoId } = await checkingPhoto(ctx);
    const push = (suggest: 'pass' | 'risky') =>
      ctx.http.post('/api/wechat/push').query(signedQuery(DEV_WECHAT_MESSAGE_TOKEN)).send(mediaCheckEvent(traceId, suggest));
    const results = await Promise.all([push('pass'), push('pass'), push('pass')]);
    expect(results.map((r) => [r.status, r.text])).toEqual([
      [200, 'success'],
      [200, 'success'],
      [200, 'success'],
    ]);
    expect(await statusOf(photoId)).toBe('visible');
    expect((await push('risky')).status).toBe(200);
    expect(await statusOf(photoId)).toBe('visible');
  });

  it('when "review" arrives the photo stays with the team; other events are acknowledged and ignored', async () => {
    const { traceId, photoId } = await checkingPhoto(ctx);
    const q = () => signedQuery(DEV_WECHAT_MESSAGE_TOKEN);
    expect((await ctx.http.post('/api/wechat/push').query(q()).send(mediaCheckEvent(traceId, 'review'))).text).toBe(
      'success',
    );
    const other = await ctx.http
      .post('/api/wechat/push')
      .query(q())
      .send({ MsgType: 'event', Event: 'user_enter_tempsession', trace_id: traceId, result: { suggest: 'pass' } });
    expect([other.status, other.text]).toEqual([200, 'success']);
    expect(await statusOf(photoId)).toBe('checking');
  });

  it('when a verdict names no stored photo yet, WeChat is asked to retry (409) instead of losing it', async () => {
    const res = await ctx.http
      .post('/api/wechat/push')
      .query(signedQuery(DEV_WECHAT_MESSAGE_TOKEN))
      .send(mediaCheckEvent('trace-not-stored-yet', 'pass'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('answers the console URL check with echostr only when signed with the Token', async () => {
    const ok = await ctx.http.get('/api/wechat/push').query({ ...signedQuery(DEV_WECHAT_MESSAGE_TOKEN), echostr: 'abc123' });
    expect([ok.status, ok.text]).toEqual([200, 'abc123']);
    const bad = await ctx.http.get('/api/wechat/push').query({ ...signedQuery('wrongToken'), echostr: 'abc123' });
    expect(bad.status).toBe(403);
    expect(bad.text).not.toContain('abc123');
  });

  it('is in OpenAPI with its signature policy', async () => {
    const doc = (await ctx.http.get('/api/openapi.json')).body;
    expect(doc.paths['/api/wechat/push'].post['x-policy']).toBe('wechat_push_signature');
    expect(doc.paths['/api/wechat/push'].get['x-policy']).toBe('wechat_push_signature');
  });
});

describe('WeChat message push: verdicts on activity covers', () => {
  async function heldCover(opts: { heldEdit: boolean }) {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const start = new Date(Date.now() + 48 * 3_600_000);
    const { activity } = await buildActivityWithShift({ team, createdBy: admin.user.id, start, end: new Date(start.getTime() + 3_600_000) });
    const traceId = `c${randomBytes(10).toString('hex')}`;
    const cover = 'https://cdn.example.com/cover.jpg';
    await Activity.updateOne(
      { _id: activity._id },
      opts.heldEdit
        ? { $set: { coverTraceId: traceId, heldEdit: { coverUrl: cover, by: new Types.ObjectId(admin.user.id), at: new Date() } } }
        : { $set: { coverTraceId: traceId, coverUrl: cover, status: 'under_review' } },
    );
    return { id: String(activity._id), traceId };
  }
  const push = (traceId: string, suggest: 'pass' | 'risky' | 'review') =>
    ctx.http.post('/api/wechat/push').query(signedQuery(DEV_WECHAT_MESSAGE_TOKEN)).send(mediaCheckEvent(traceId, suggest));

  it('when a held cover is judged risky, it is removed and the moderator sees why; a repeated push changes nothing', async () => {
    const edit = await heldCover({ heldEdit: true });
    expect((await push(edit.traceId, 'risky')).status).toBe(200);
    const afterEdit = (await Activity.findById(edit.id).lean())!;
    expect(afterEdit).toMatchObject({ coverCheck: 'risky' });
    expect(afterEdit.heldEdit?.coverUrl).toBeUndefined();

    const fresh = await heldCover({ heldEdit: false });
    expect((await push(fresh.traceId, 'risky')).status).toBe(200);
    expect((await Activity.findById(fresh.id).lean())?.coverUrl).toBeUndefined();
    // WeChat retries: the first verdict stands.
    expect((await push(fresh.traceId, 'pass')).status).toBe(200);
    expect((await Activity.findById(fresh.id).lean())?.coverCheck).toBe('risky');

    const district = await buildDistrictAdmin(ctx);
    const queue = await ctx.http.get('/api/admin/review').query({ kind: 'activity', pageSize: 100 }).set('Authorization', district.auth);
    const item = queue.body.items.find((a: { id: string }) => a.id === fresh.id);
    expect(item).toMatchObject({ state: '新活动', images: [] });
    expect(item.context).toContainEqual({ label: '封面图片检测', value: '违规，已移除' });
  });

  it('when a held cover passes, the verdict is recorded and the cover stays for the moderator to publish', async () => {
    const held = await heldCover({ heldEdit: false });
    const district = await buildDistrictAdmin(ctx);
    const before = await ctx.http.get('/api/admin/review').query({ kind: 'activity', pageSize: 100 }).set('Authorization', district.auth);
    expect(before.body.items.find((a: { id: string }) => a.id === held.id).context).toContainEqual({ label: '封面图片检测', value: '检测中' });
    expect((await push(held.traceId, 'pass')).status).toBe(200);
    expect(await Activity.findById(held.id).lean()).toMatchObject({ coverCheck: 'pass', coverUrl: 'https://cdn.example.com/cover.jpg', status: 'under_review' });
  });
});
