import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Middleware } from 'koa';
import { allowInlineScripts, inlineScriptHashes } from './middleware/security-headers';
import { PORTAL_BUILDING_HTML, PORTAL_RETRY_SECONDS } from './portal-building';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Precompressed siblings written at build time (config/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The build names bundles `[name].[contenthash:8].js` and Taro names images `[name].[hash:8].png`:
 * such a file never changes under its name, so browsers may keep it for a year without asking.
 */
const HASHED_NAME = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is revalidated so a new deploy shows up on the next load. */
export const REVALIDATE = 'no-cache';

interface FileInfo {
  size: number;
  mtime: Date;
}

async function fileAt(p: string): Promise<FileInfo | null> {
  try {
    const s = await stat(p);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** A validator from size and mtime (as `etag` does for fs stats), one per encoding. */
function etagFor(info: FileInfo, encoding: string | null): string {
  const tag = `${info.size.toString(16)}-${Math.floor(info.mtime.getTime()).toString(16)}`;
  return `W/"${tag}${encoding ? `-${encoding}` : ''}"`;
}

/** The best precompressed sibling the client accepts, if the build wrote one. */
async function negotiate(ctx: Context, file: string): Promise<{ file: string; info: FileInfo; encoding: string } | null> {
  for (const e of ENCODINGS) {
    if (ctx.acceptsEncodings(e.name) !== e.name) continue;
    const info = await fileAt(file + e.suffix);
    if (info) return { file: file + e.suffix, info, encoding: e.name };
  }
  return null;
}

/** The CSP hashes of index.html's inline scripts, read again only when the file changes. */
function indexScriptHashes(): (file: string, info: FileInfo) => Promise<string[]> {
  let cached: { key: string; hashes: string[] } | null = null;
  return async (file, info) => {
    const key = `${info.size}-${info.mtime.getTime()}`;
    if (cached?.key !== key) cached = { key, hashes: inlineScriptHashes(await readFile(file, 'utf8')) };
    return cached.hashes;
  };
}

/**
 * Serves the built H5 portal for GET/HEAD outside /api: a file if one exists,
 * else index.html so client-side routes survive a reload. Paths are resolved
 * inside `root` only (no traversal). While `building()` says the first build is still
 * running and there is no index.html yet, pages answer 503 with a self-refreshing notice.
 * Text files go out as their build-time brotli or gzip sibling when the client accepts
 * one; every answer carries an ETag and a conditional request gets 304.
 */
export function serveSpa(root: string, opts: { building?: () => boolean } = {}): Middleware {
  const base = path.resolve(root);
  const scriptHashes = indexScriptHashes();
  return async function serveSpaMiddleware(ctx, next) {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path === '/api' || ctx.path.startsWith('/api/')) {
      return next();
    }
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const target = path.resolve(base, `.${path.posix.normalize(rel)}`);
    if (target !== base && !target.startsWith(base + path.sep)) return next();
    let file = target;
    let info = await fileAt(file);
    const isAsset = path.extname(rel) !== '';
    if (!info && !isAsset) {
      file = path.join(base, 'index.html');
      info = await fileAt(file);
    }
    if (!info && !isAsset && opts.building?.()) {
      ctx.status = 503;
      ctx.set('Retry-After', String(PORTAL_RETRY_SECONDS));
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = ctx.method === 'HEAD' ? null : PORTAL_BUILDING_HTML;
      return;
    }
    if (!info) return next();
    const isIndex = path.basename(file) === 'index.html';
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isText = type.includes('charset') || type === 'image/svg+xml';
    if (isText) ctx.vary('Accept-Encoding');
    const variant = isText ? await negotiate(ctx, file) : null;
    const sent = variant ?? { file, info, encoding: null };

    ctx.status = 200;
    ctx.type = type;
    ctx.lastModified = info.mtime;
    ctx.etag = etagFor(sent.info, sent.encoding);
    ctx.set('Cache-Control', !isIndex && HASHED_NAME.test(file) ? IMMUTABLE : REVALIDATE);
    const policy = ctx.response.get('Content-Security-Policy');
    if (isIndex && policy) ctx.set('Content-Security-Policy', allowInlineScripts(policy, await scriptHashes(file, info)));
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    if (sent.encoding) ctx.set('Content-Encoding', sent.encoding);
    ctx.length = sent.info.size;
    // HEAD: Koa sends the headers without a body (a null body would turn the answer into a 204).
    if (ctx.method === 'GET') ctx.body = createReadStream(sent.file);
  };
}
