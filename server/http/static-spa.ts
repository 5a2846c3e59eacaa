import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
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

async function fileAt(p: string): Promise<{ size: number; mtime: Date } | null> {
  try {
    const s = await stat(p);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built H5 portal for GET/HEAD outside /api: a file if one exists,
 * else index.html so client-side routes survive a reload. Paths are resolved
 * inside `root` only (no traversal). While `building()` says the first build is still
 * running and there is no index.html yet, pages answer 503 with a self-refreshing notice.
 */
export function serveSpa(root: string, opts: { building?: () => boolean } = {}): Middleware {
  const base = path.resolve(root);
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
    ctx.type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    ctx.length = info.size;
    ctx.lastModified = info.mtime;
    // Hashed bundles can be cached; index.html must be revalidated so new deploys show up.
    ctx.set('Cache-Control', isIndex ? 'no-cache' : 'public, max-age=3600');
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}
