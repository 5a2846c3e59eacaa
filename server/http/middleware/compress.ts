import zlib from 'node:zlib';
import compress from 'koa-compress';
import type { Middleware } from 'koa';

/**
 * Below this a JSON answer fits in one or two TCP packets anyway and compressing it costs more
 * CPU than it saves on the wire (the nearby list's 20 items are ~8 KB, a detail page 2–4 KB).
 */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * On-the-fly compression for API answers (JSON, CSV exports) above the threshold. The portal's
 * own files arrive precompressed from the build (static-spa.ts sets Content-Encoding, which this
 * middleware leaves alone). Brotli at quality 4 is about gzip's speed with smaller output; gzip
 * stays for clients without brotli. Images and PDFs are not compressible and pass untouched.
 */
export function compressResponses(): Middleware {
  // encodingPreference is in koa-compress 5 but not yet in its @types (written for 4).
  const options: compress.CompressOptions & { encodingPreference: string[] } = {
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodingPreference: ['br', 'gzip', 'identity'],
    br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    gzip: { level: 6 },
    deflate: false,
  };
  return compress(options) as Middleware;
}
