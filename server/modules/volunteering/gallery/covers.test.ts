import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildResident, createTestContext, type TestContext } from '../../../../test/support';
import { buildTeamWithAdmin } from '../attendance/fixtures';
import { buildTestImages, leftovers, NOTHING_LEFT } from './test-images';

let ctx: TestContext;
let dataDir: string;
let jpegClean: Buffer;
let jpegWithExif: Buffer;
jest.setTimeout(30_000);
beforeAll(async () => {
  ({ jpegClean, jpegWithExif } = await buildTestImages());
  dataDir = await mkdtemp(path.join(tmpdir(), 'linli-covers-'));
  ctx = await createTestContext({ env: { LINLI_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('POST /api/teams/:teamId/covers and GET /api/covers/:coverId/file', () => {
  it('401 → 400 → 403 → 201: a team admin uploads a cover, re-encoded without metadata, served publicly at the returned url', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const url = `/api/teams/${String(team._id)}/covers`;
    expect((await ctx.http.post(url).set('Content-Type', 'image/jpeg').send(jpegWithExif)).status).toBe(401);
    expect((await ctx.http.post('/api/teams/nope/covers').set('Authorization', admin.auth)).status).toBe(400);
    const outsider = await buildResident(ctx);
    const refused = await ctx.http
      .post(url)
      .set('Authorization', outsider.auth)
      .set('Content-Type', 'image/jpeg')
      .send(jpegWithExif);
    expect(refused.status).toBe(403);

    const res = await ctx.http.post(url).set('Authorization', admin.auth).set('Content-Type', 'image/jpeg').send(jpegWithExif);
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(/^\/api\/covers\/[0-9a-f]{24}\/file$/);
    const file = await ctx.http.get(res.body.url).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(await leftovers(file.body as Buffer)).toEqual(NOTHING_LEFT);
    const thumb = await ctx.http.get(`${res.body.url as string}?size=thumb`).buffer(true);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(await leftovers(thumb.body as Buffer)).toEqual(NOTHING_LEFT);
  });

  it('when the mini-program sends the cover as multipart (wx.uploadFile), the file part is stored', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const res = await ctx.http
      .post(`/api/teams/${String(team._id)}/covers`)
      .set('Authorization', admin.auth)
      .attach('file', jpegWithExif, { filename: 'cover.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    const file = await ctx.http.get(res.body.url).buffer(true);
    expect(await leftovers(file.body as Buffer)).toEqual(NOTHING_LEFT);
  });

  it('when the bytes are not an image or too large, clear 4xx codes come back', async () => {
    const { team, admin } = await buildTeamWithAdmin(ctx);
    const post = (body: Buffer) =>
      ctx.http
        .post(`/api/teams/${String(team._id)}/covers`)
        .set('Authorization', admin.auth)
        .set('Content-Type', 'image/jpeg')
        .send(body);
    const text = await post(Buffer.from('not an image at all'));
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('image_type_unsupported');
    const big = await post(Buffer.concat([jpegClean, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('image_too_large');
    expect((await ctx.http.get('/api/covers/0123456789abcdef01234567/file')).status).toBe(404);
  });
});
