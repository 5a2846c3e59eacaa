import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';

/**
 * The handful of headers helmet would set, written out so we know what they are.
 * The CSP allows the Taro H5 bundle (same-origin scripts, inline styles it injects)
 * and images from https/data/blob (uploaded photos, QR codes).
 */
export function securityHeaders(opts: { hsts: boolean }): Middleware {
  return async function securityHeadersMiddleware(ctx, next) {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Cross-Origin-Resource-Policy', 'same-site');
    ctx.set('X-DNS-Prefetch-Control', 'off');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), payment=()');
    ctx.set(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "connect-src 'self'",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join('; '),
    );
    if (opts.hsts) ctx.set('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    ctx.remove('X-Powered-By');
    await next();
  };
}

/** `'sha256-…'` CSP sources for each inline `<script>` in an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The policy with these sources added to `script-src`: the portal's index.html carries one
 * inline script the build writes (config/route-preload.ts), allowed by its hash and nothing else.
 */
export function allowInlineScripts(policy: string, hashes: string[]): string {
  if (!hashes.length) return policy;
  return policy
    .split('; ')
    .map((d) => (d.startsWith('script-src ') ? `${d} ${hashes.join(' ')}` : d))
    .join('; ');
}
