/**
 * The built portal on a phone network: text assets go out precompressed (brotli, else gzip),
 * hashed bundles are cached for a year without revalidation, index.html is revalidated, and both
 * answer a conditional request with 304. API JSON above the threshold is compressed on the fly.
 *
 * The portal is a small fixture built the way `npm run build:h5` builds it (the same precompress
 * step), around a real bundle: dist/h5's largest script when a build exists, else React DOM's
 * production build (CI runs jest before the H5 build).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { precompressDir } from '../../config/precompress';
import { COMPRESS_THRESHOLD_BYTES } from '../../server/http/middleware/compress';
import { IMMUTABLE, REVALIDATE } from '../../server/http/static-spa';
import { createTestContext, type TestContext } from '../support';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that keeps the bytes as sent (supertest would decompress them). */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function realBundle(): { file: string; from: string } {
  const built = path.resolve(__dirname, '../../dist/h5/js');
  try {
    const scripts = readdirSync(built)
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(built, f))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    if (scripts[0]) return { file: scripts[0], from: 'dist/h5' };
  } catch {
    // no build yet
  }
  const reactDom = path.dirname(require.resolve('react-dom/package.json'));
  return { file: path.join(reactDom, 'cjs', 'react-dom.production.min.js'), from: 'react-dom' };
}

let ctx: TestContext;
let dir: string;
let original: Buffer;
const ASSET = '/js/app.3f9c2a1b.js';
const INDEX_V1 = `<!doctype html><html><head><script src="${ASSET}"></script></head><body><div id="app"></div>${'<!-- v1 -->'.repeat(200)}</body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-h5-speed-'));
  mkdirSync(path.join(dir, 'js'));
  const bundle = realBundle();
  copyFileSync(bundle.file, path.join(dir, ASSET));
  writeFileSync(path.join(dir, 'index.html'), INDEX_V1);
  original = readFileSync(path.join(dir, ASSET));
  await precompressDir(dir);
  ctx = await createTestContext({ staticDir: dir });
});
afterAll(async () => {
  await ctx?.close();
});

describe('portal assets on the wire', () => {
  it('sends a hashed bundle as its brotli sibling, cached for a year, with an ETag', async () => {
    const res = await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.headers.etag).toMatch(/^W\/".+-br"$/);
    expect(res.headers['content-type']).toContain('text/javascript');
    // The byte count on the wire: the brotli file, well under a third of the bundle.
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(original.length).toBeGreaterThan(100 * 1024);
    expect(res.body.length).toBeLessThan(original.length * 0.35);
    expect(zlib.brotliDecompressSync(res.body).equals(original)).toBe(true);
  });

  it('falls back to gzip, then to the plain file, by what the browser accepts', async () => {
    const gz = await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(original.length * 0.4);
    expect(zlib.gunzipSync(gz.body).equals(original)).toBe(true);
    expect(gz.headers.etag).not.toBe((await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'br' })).headers.etag);

    const plain = await rawGet(`${ctx.url}${ASSET}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    const refused = await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.length).toBe(original.length);
  });

  it('answers a conditional request for a bundle with 304 and no body', async () => {
    const first = await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'br' });
    const again = await rawGet(`${ctx.url}${ASSET}`, {
      'Accept-Encoding': 'br',
      'If-None-Match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    const head = await rawGet(`${ctx.url}${ASSET}`, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
  });

  it('revalidates index.html: no-cache with an ETag, 304 while unchanged, the new page after a deploy', async () => {
    const first = await rawGet(`${ctx.url}/`, { 'Accept-Encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe(REVALIDATE);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(first.body).toString()).toBe(INDEX_V1);
    const etag = String(first.headers.etag);
    const unchanged = await rawGet(`${ctx.url}/pages/me/index`, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(unchanged.status).toBe(304);

    // A deploy replaces index.html (and its siblings): the old validator no longer matches.
    const v2 = INDEX_V1.replace(/v1/g, 'v2-longer');
    writeFileSync(path.join(dir, 'index.html'), v2);
    await precompressDir(dir);
    const after = await rawGet(`${ctx.url}/`, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(zlib.brotliDecompressSync(after.body).toString()).toBe(v2);
  });
});

describe('API JSON compression', () => {
  it('compresses JSON above the threshold and leaves small answers alone', async () => {
    const big = await rawGet(`${ctx.url}/api/openapi.json`, { 'Accept-Encoding': 'gzip, br' });
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    const json = zlib.brotliDecompressSync(big.body);
    expect(json.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    expect(big.body.length).toBeLessThan(json.length / 3);
    expect(JSON.parse(json.toString()).openapi).toBeDefined();

    const small = await rawGet(`${ctx.url}/api/health`, { 'Accept-Encoding': 'gzip, br' });
    expect(small.body.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toBeTruthy();
  });
});
