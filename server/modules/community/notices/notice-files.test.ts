import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import sharp from 'sharp';
import { buildDistrictAdmin, buildResident, buildStaff, createTestContext, type TestContext } from '../../../../test/support';
import { officeFile } from '../../../../test/support/office-files';
import { Community } from '../../org';
import { forgetCommunities } from '../residents';

let ctx: TestContext;
let dataDir: string;
let photo: Buffer;
let north: string;
jest.setTimeout(60_000);
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'linli-notice-files-'));
  ctx = await createTestContext({ env: { LINLI_DATA_DIR: dataDir } });
  // A phone photo: GPS in its Exif, which must not survive.
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'LinliPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100' } })
    .toBuffer();
  const [c] = await Community.create([{ key: `f-${Date.now()}`, name: '附件社区', district: new Types.ObjectId(), location: { type: 'Point', coordinates: [116.4, 39.9] } }]);
  north = String(c._id);
  forgetCommunities();
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

const upload = (auth: string | null, body: Buffer, name = '现场照片.jpg') => {
  const r = ctx.http.post('/api/admin/notice-files').query({ name }).set('Content-Type', 'application/octet-stream');
  return (auth ? r.set('Authorization', auth) : r).send(body);
};
const notice = (attachments: unknown[], over: Record<string, unknown> = {}) => ({
  title: '积水路段绕行通知',
  body: '<p>请绕行。</p>',
  category: 'alert',
  communityIds: [north],
  attachments,
  ...over,
});

describe('notice files', () => {
  test('when no one is signed in, 401; when the name is bad or the bytes are neither image nor document, 400/415; when a resident uploads, 403; when an admin uploads a photo it is re-encoded without Exif, and a Word file is kept as sent', async () => {
    expect((await upload(null, photo)).status).toBe(401);
    const admin = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: north }] });
    const badName = await upload(admin.auth, photo, 'x'.repeat(81));
    expect(badName.status).toBe(400);
    expect(badName.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['name']);
    const text = await upload(admin.auth, Buffer.from('just some text'), 'a.txt');
    expect(text.status).toBe(415);
    expect(text.body.error.message).toContain('Word（.docx）');
    const resident = await buildResident(ctx);
    expect((await upload(resident.auth, photo)).status).toBe(403);

    const img = await upload(admin.auth, photo);
    expect(img.status).toBe(201);
    expect(img.body).toMatchObject({ kind: 'image', name: '现场照片.jpg', mime: 'image/jpeg' });
    expect(img.body.thumbUrl).toBe(`${img.body.url as string}?size=thumb`);
    const stored = await ctx.http.get(img.body.url).set('Authorization', admin.auth).buffer(true);
    expect(stored.status).toBe(200);
    expect(stored.headers['content-disposition']).toMatch(/^inline/);
    const meta = await sharp(stored.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect((stored.body as Buffer).includes('LinliPhone')).toBe(false);

    const doc = await upload(admin.auth, officeFile('docx', '排水方案'), '排水方案.docx');
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({ kind: 'document', name: '排水方案.docx', thumbUrl: null });
    const got = await ctx.http.get(doc.body.url).set('Authorization', admin.auth).responseType('blob');
    expect((got.body as Buffer).equals(officeFile('docx', '排水方案'))).toBe(true);
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
  });

  test('when a photo is larger than the image limit or a document larger than the document limit, 413', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const bigPhoto = Buffer.concat([photo, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(admin.auth, bigPhoto)).body.error.code).toBe('image_too_large');
    const tooBig = await upload(admin.auth, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('attachment_too_large');
  });

  test('when a notice shows uploaded files, anyone reading it gets them; before publishing and after withdrawal only its admins and the uploader do; another admin cannot attach a file they did not upload', async () => {
    const admin = await buildStaff(ctx, { roles: [{ role: 'community_admin', scopeType: 'community', scopeId: north }] });
    const img = (await upload(admin.auth, photo)).body;
    const doc = (await upload(admin.auth, officeFile('xlsx'), '物资清单.xlsx')).body;
    expect((await ctx.http.get(img.url)).status).toBe(404); // uploaded, shown nowhere yet

    const other = await buildDistrictAdmin(ctx);
    const stolen = await ctx.http.post('/api/admin/notices').set('Authorization', other.auth).send(notice([{ name: '照片', fileId: img.id }]));
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.fields).toEqual([{ path: 'attachments.0.fileId', message: '附件不存在或已失效，请重新上传' }]);
    const neither = await ctx.http.post('/api/admin/notices').set('Authorization', admin.auth).send(notice([{ name: '空' }]));
    expect(neither.status).toBe(400);

    const published = await ctx.http
      .post('/api/admin/notices')
      .set('Authorization', admin.auth)
      .send(notice([{ name: '现场照片.jpg', fileId: img.id }, { name: '物资清单.xlsx', fileId: doc.id }, { name: '区政府通告', url: 'https://gov.cn/a' }]));
    expect(published.status).toBe(201);
    const id = published.body.notice.id as string;
    const shown = await ctx.http.get(`/api/notices/${id}`);
    expect(shown.body.attachments).toEqual([
      { name: '现场照片.jpg', kind: 'image', url: img.url, thumbUrl: img.thumbUrl, fileId: img.id, bytes: img.bytes },
      { name: '物资清单.xlsx', kind: 'document', url: doc.url, thumbUrl: null, fileId: doc.id, bytes: doc.bytes },
      { name: '区政府通告', kind: 'link', url: 'https://gov.cn/a', thumbUrl: null, fileId: null, bytes: null },
    ]);
    const thumb = await ctx.http.get(img.thumbUrl).buffer(true);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await ctx.http.get(doc.url)).headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // A colleague's edit keeps the files already on the notice.
    const kept = await ctx.http
      .put(`/api/admin/notices/${id}`)
      .set('Authorization', other.auth)
      .send(notice([{ name: '现场照片.jpg', fileId: img.id }], { title: '积水路段绕行通知（更新）' }));
    expect(kept.status).toBe(200);
    expect(kept.body.notice.attachments.map((a: { fileId: string }) => a.fileId)).toEqual([img.id]);

    await ctx.http.post(`/api/admin/notices/${id}/withdraw`).set('Authorization', admin.auth);
    expect((await ctx.http.get(img.url)).status).toBe(404);
    const resident = await buildResident(ctx);
    expect((await ctx.http.get(img.url).set('Authorization', resident.auth)).status).toBe(404);
    expect((await ctx.http.get(img.url).set('Authorization', other.auth)).status).toBe(200);
  });

  test('when a published notice is edited, readers see when (已修改); a never-edited one says nothing', async () => {
    const admin = await buildDistrictAdmin(ctx);
    const id = (await ctx.http.post('/api/admin/notices').set('Authorization', admin.auth).send(notice([]))).body.notice.id as string;
    expect((await ctx.http.get(`/api/notices/${id}`)).body.editedAt).toBeNull();
    const before = Date.now();
    await ctx.http.put(`/api/admin/notices/${id}`).set('Authorization', admin.auth).send(notice([], { body: '<p>请绕行光明路。</p>' }));
    const edited = (await ctx.http.get(`/api/notices/${id}`)).body;
    expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(edited.editedAt)).toBeGreaterThan(Date.parse(edited.publishedAt));
  });
});
