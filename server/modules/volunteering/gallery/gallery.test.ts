import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { AuditEntry } from '../../audit/model';
import { Activity } from '../activities/model';
import { Signup } from '../signups/model';
import { buildActivityWithShift, buildSignup, buildTeamWithAdmin } from '../attendance/fixtures';
import { applyMediaCheckResult } from './commands/upload-photo';
import { buildTestImages, leftovers, NOTHING_LEFT } from './test-images';

let ctx: TestContext;
let dataDir: string;
let jpegClean: Buffer;
let jpegWithExif: Buffer;
jest.setTimeout(30_000);
beforeAll(async () => {
  ({ jpegClean, jpegWithExif } = await buildTestImages());
  dataDir = await mkdtemp(path.join(tmpdir(), 'linli-gallery-'));
  ctx = await createTestContext({ env: { LINLI_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function setup() {
  const { team, admin } = await buildTeamWithAdmin(ctx);
  const start = new Date(Date.now() - 3_600_000);
  const { activity, shift } = await buildActivityWithShift({
    team,
    createdBy: admin.user.id,
    start,
    end: new Date(start.getTime() + 3 * 3_600_000),
  });
  const volunteer = await buildResident(ctx);
  const signup = await buildSignup({ userId: volunteer.user.id, activity, shift });
  await Signup.updateOne({ _id: signup._id }, { $set: { checkinAt: new Date() } });
  const upload = (auth: string, body: Buffer, type = 'image/jpeg') =>
    ctx.http
      .post(`/api/activities/${String(activity._id)}/photos`)
      .set('Authorization', auth)
      .set('Content-Type', type)
      .send(body);
  return { team, admin, activity, volunteer, upload };
}

const binary = (req: ReturnType<TestContext['http']['get']>) =>
  req.buffer(true).parse((res, cb) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => cb(null, Buffer.concat(parts)));
  });

describe('activity gallery', () => {
  it('401 → 400 → 403 → 202: a participant’s photo is re-encoded without metadata and waits for the image check', async () => {
    const s = await setup();
    expect((await ctx.http.post(`/api/activities/${String(s.activity._id)}/photos`).send(jpegWithExif)).status).toBe(
      401,
    );
    const bad = await ctx.http
      .post('/api/activities/nope/photos')
      .set('Authorization', s.volunteer.auth)
      .set('Content-Type', 'image/jpeg')
      .send(jpegWithExif);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'activityId', message: '编号格式不正确' }]);
    const stranger = await buildResident(ctx);
    const denied = await s.upload(stranger.auth, jpegWithExif);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('not_participant');

    const ok = await s.upload(s.volunteer.auth, jpegWithExif);
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({
      outcome: 'checking',
      photo: { status: 'checking', mime: 'image/jpeg' },
    });
    const fileUrl = ok.body.photo.url as string;
    const own = await binary(ctx.http.get(fileUrl).set('Authorization', s.volunteer.auth));
    expect(own.status).toBe(200);
    expect((own.body as Buffer).length).toBe(ok.body.photo.bytes);
    // The multi-picture phone JPEG: no GPS Exif, XMP or appended second picture is stored.
    expect(await leftovers(own.body as Buffer)).toEqual(NOTHING_LEFT);
    // The list's thumbnail is a WebP, no larger than 480 px, also without metadata.
    const thumb = await binary(ctx.http.get(ok.body.photo.thumbUrl as string).set('Authorization', s.volunteer.auth));
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(await leftovers(thumb.body as Buffer)).toEqual(NOTHING_LEFT);
    expect((await ctx.http.get(ok.body.photo.thumbUrl as string)).status).toBe(404);
    expect((await ctx.http.get(fileUrl)).status).toBe(404);
    const pub = await ctx.http.get(`/api/activities/${String(s.activity._id)}/photos`);
    expect(pub.body.items).toEqual([]);
    const mine = await ctx.http
      .get(`/api/activities/${String(s.activity._id)}/photos`)
      .set('Authorization', s.volunteer.auth);
    expect(mine.body.items).toHaveLength(1);

    // WeChat's checker fetched the photo through the keyed URL and answered "pass".
    const check = ctx.sandbox.mediaChecks().find((c) => c.media_url.includes(ok.body.photo.id));
    expect(check).toBeDefined();
    const keyed = new URL(check!.media_url);
    expect((await ctx.http.get(`${keyed.pathname}${keyed.search}`)).status).toBe(200);
    expect(await applyMediaCheckResult(check!.trace_id, 'pass')).toBe(1);
    const after = await ctx.http.get(`/api/activities/${String(s.activity._id)}/photos`);
    expect(after.body.items.map((p: { id: string }) => p.id)).toEqual([ok.body.photo.id]);
    expect((await ctx.http.get(fileUrl)).status).toBe(200);
  });

  it('when the bytes are not an image, are corrupt, or are too large, clear 4xx codes come back', async () => {
    const s = await setup();
    const gif = await s.upload(s.volunteer.auth, Buffer.from('GIF89a........'), 'image/jpeg');
    expect(gif.status).toBe(415);
    expect(gif.body.error.code).toBe('image_type_unsupported');
    const svg = await s.upload(
      s.volunteer.auth,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/png',
    );
    expect(svg.status).toBe(415);
    const corrupt = await s.upload(s.volunteer.auth, jpegWithExif.subarray(0, 30));
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error.code).toBe('image_invalid');
    const huge = await s.upload(s.volunteer.auth, Buffer.concat([jpegClean, Buffer.alloc(5 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'image_too_large', message: '图片不能超过 5MB' });
    // A mini-program upload (multipart) whose parts carry no file.
    const noFile = await s.upload(
      s.volunteer.auth,
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b1--\r\n'),
      'multipart/form-data; boundary=b1',
    );
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toMatchObject({ code: 'image_invalid', message: '上传内容中没有图片文件' });
  });

  it('when a team admin hides a photo with a reason, it leaves the public gallery and is audited', async () => {
    const s = await setup();
    const up = await s.upload(s.admin.auth, jpegClean);
    expect(up.status).toBe(201); // staff have no openid: attributable, visible at once
    const id = up.body.photo.id as string;
    const path_ = `/api/gallery/photos/${id}/moderate`;
    expect((await ctx.http.post(path_).send({ action: 'hide', reason: '含人脸' })).status).toBe(401);
    expect(
      (await ctx.http.post(path_).set('Authorization', s.admin.auth).send({ action: 'hide' })).body.error.fields,
    ).toEqual([{ path: 'reason', message: '请填写原因（至少 2 个字）' }]);
    expect(
      (await ctx.http.post(path_).set('Authorization', s.volunteer.auth).send({ action: 'hide', reason: '含人脸' }))
        .status,
    ).toBe(403);
    const ok = await ctx.http
      .post(path_)
      .set('Authorization', s.admin.auth)
      .send({ action: 'hide', reason: '含未授权人脸' });
    expect(ok.body.status).toBe('hidden');
    expect((await ctx.http.get(`/api/activities/${String(s.activity._id)}/photos`)).body.items).toEqual([]);
    expect(await AuditEntry.countDocuments({ action: 'gallery.hide', 'target.id': id })).toBe(1);
  });

  it('when the check or a team admin hides a participant’s photo, the uploader still sees it as hidden and others do not', async () => {
    const s = await setup();
    const up = await s.upload(s.volunteer.auth, jpegClean);
    expect(up.status).toBe(202);
    const id = up.body.photo.id as string;
    const gallery = `/api/activities/${String(s.activity._id)}/photos`;
    const other = await buildResident(ctx);
    const shown = await ctx.http
      .post(`/api/gallery/photos/${id}/moderate`)
      .set('Authorization', s.admin.auth)
      .send({ action: 'show', reason: '现场照片无问题' });
    expect(shown.body.status).toBe('visible');
    expect((await ctx.http.get(gallery).set('Authorization', other.auth)).body.items.map((p: { id: string }) => p.id)).toEqual([
      id,
    ]);
    const hidden = await ctx.http
      .post(`/api/gallery/photos/${id}/moderate`)
      .set('Authorization', s.admin.auth)
      .send({ action: 'hide', reason: '含未授权人脸' });
    expect(hidden.body.status).toBe('hidden');
    expect((await ctx.http.get(gallery).set('Authorization', other.auth)).body.items).toEqual([]);
    expect((await ctx.http.get(gallery)).body.items).toEqual([]);
    const mine = await ctx.http.get(gallery).set('Authorization', s.volunteer.auth);
    expect(mine.body.items).toEqual([expect.objectContaining({ id, status: 'hidden', hiddenReason: '含未授权人脸' })]);
    expect((await ctx.http.get(`/api/gallery/photos/${id}/file`).set('Authorization', other.auth)).status).toBe(404);
    expect((await ctx.http.get(`/api/gallery/photos/${id}/file`).set('Authorization', s.volunteer.auth)).status).toBe(200);
  });

  it('401 → 404 → 403 → 204: the uploader or a team admin deletes a photo, its file goes too, and it is audited', async () => {
    const s = await setup();
    const upOwn = await s.upload(s.volunteer.auth, jpegClean);
    const upAdmin = await s.upload(s.admin.auth, jpegClean);
    const own = upOwn.body.photo.id as string;
    const byAdmin = upAdmin.body.photo.id as string;
    const other = await buildResident(ctx);
    expect((await ctx.http.delete(`/api/gallery/photos/${own}`)).status).toBe(401);
    expect((await ctx.http.delete('/api/gallery/photos/not-an-id').set('Authorization', s.volunteer.auth)).status).toBe(400);
    expect((await ctx.http.delete(`/api/gallery/photos/${own}`).set('Authorization', other.auth)).status).toBe(403);
    // A participant cannot delete the team's photos; the team admin can delete theirs.
    expect((await ctx.http.delete(`/api/gallery/photos/${byAdmin}`).set('Authorization', s.volunteer.auth)).status).toBe(403);
    expect((await ctx.http.delete(`/api/gallery/photos/${own}`).set('Authorization', s.volunteer.auth)).status).toBe(204);
    expect((await ctx.http.delete(`/api/gallery/photos/${byAdmin}`).set('Authorization', s.admin.auth)).status).toBe(204);
    expect((await ctx.http.delete(`/api/gallery/photos/${own}`).set('Authorization', s.volunteer.auth)).status).toBe(404);
    expect((await ctx.http.get(`/api/gallery/photos/${own}/file`).set('Authorization', s.volunteer.auth)).status).toBe(404);
    const all = await ctx.http.get(`/api/activities/${String(s.activity._id)}/photos`).set('Authorization', s.admin.auth);
    expect(all.body.items).toEqual([]);
    expect(await readdir(path.join(dataDir, 'uploads', 'gallery', String(s.activity._id)))).toEqual([]);
    expect(await AuditEntry.countDocuments({ action: 'gallery.delete', 'target.id': { $in: [own, byAdmin] } })).toBe(2);
  });

  it('gives a share path, H5 link and title for an activity', async () => {
    const s = await setup();
    const res = await ctx.http.get(`/api/activities/${String(s.activity._id)}/share`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      path: `packages/volunteer/activity/index?id=${String(s.activity._id)}`,
      title: expect.stringContaining('社区清洁日'),
    });
    expect(res.body.h5Url).toContain(`#/packages/volunteer/activity/index?id=${String(s.activity._id)}`);
    await Activity.updateOne({ _id: s.activity._id }, { $set: { status: 'under_review' } });
    expect((await ctx.http.get(`/api/activities/${String(s.activity._id)}/share`)).status).toBe(404);
  });
});
