import { mkdtempSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDistrictAdmin } from '../../server/modules/admin/bootstrap';
import { User } from '../../server/modules/users/model';
import { createTestContext, uniqueSuffix, type TestContext } from '../support';

let ctx: TestContext;
let dir: string;
/** Whether npm start's first H5 build is "running" (the last test turns it on). */
let building = false;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-h5-'));
  mkdirSync(path.join(dir, 'js'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tmpdir(), 'linli-secret.txt'), 'secret');
  ctx = await createTestContext({ staticDir: dir, portalBuilding: () => building });
});
afterAll(async () => {
  await ctx?.close();
});

describe('H5 portal serving', () => {
  it('serves index.html at / and for client-side routes, and assets with their type', async () => {
    const root = await ctx.http.get('/');
    expect(root.status).toBe(200);
    expect(root.text).toContain('<div id="app">');
    expect(root.headers['cache-control']).toBe('no-cache');
    const deep = await ctx.http.get('/pages/me/index');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="app">');
    const js = await ctx.http.get('/js/app.js');
    expect(js.headers['content-type']).toContain('text/javascript');
  });

  it('answers 404 for missing assets, keeps /api 404s as JSON, and never leaves the folder', async () => {
    expect((await ctx.http.get('/js/missing.js')).status).toBe(404);
    const api = await ctx.http.get('/api/missing');
    expect(api.body.error.code).toBe('route_not_found');
    const traversal = await ctx.http.get('/..%2Flinli-secret.txt');
    expect(traversal.text).not.toContain('secret');
    const traversal2 = await ctx.http.get('/../../linli-secret.txt');
    expect(traversal2.text).not.toBe('secret');
  });
});

describe('district admin bootstrap', () => {
  it('creates the admin once, never overwrites the password, and the admin can log in', async () => {
    const username = `boot_${uniqueSuffix()}`;
    const results = await Promise.all([
      ensureDistrictAdmin(username, 'first-password'),
      ensureDistrictAdmin(username, 'first-password'),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await ensureDistrictAdmin(username, 'other-password')).toEqual({ created: false });
    expect(await User.countDocuments({ username })).toBe(1);
    const login = await ctx.http.post('/api/auth/staff/login').send({ username, password: 'first-password' });
    expect(login.status).toBe(200);
    expect(login.body.user.roles).toEqual([{ role: 'district_admin' }]);
  });
});

describe('during the first H5 build', () => {
  it('pages answer 503 with a self-refreshing 门户正在构建 page and Retry-After; assets and /api are unaffected', async () => {
    const index = path.join(dir, 'index.html');
    renameSync(index, `${index}.later`);
    building = true;
    try {
      const root = await ctx.http.get('/');
      expect(root.status).toBe(503);
      expect(Number(root.headers['retry-after'])).toBeGreaterThan(0);
      expect(root.headers['cache-control']).toBe('no-store');
      expect(root.headers['content-type']).toContain('text/html');
      expect(root.text).toContain('门户正在构建');
      expect(root.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
      expect((await ctx.http.get('/pages/me/index')).status).toBe(503);
      expect((await ctx.http.get('/js/missing.js')).status).toBe(404);
      expect((await ctx.http.get('/api/health')).status).toBe(200);
    } finally {
      // The build has written index.html: the portal itself is served again.
      renameSync(`${index}.later`, index);
      building = false;
    }
    const built = await ctx.http.get('/');
    expect(built.status).toBe(200);
    expect(built.text).toContain('<div id="app">');
  });
});
