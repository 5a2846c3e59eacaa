import type { IncomingMessage } from 'node:http';
import { fail } from '../../../http/errors';

/**
 * Reads a raw upload body, refusing it as soon as it passes `limit` bytes (before buffering
 * the rest), so an oversized upload costs at most `limit` bytes of memory. A declared
 * Content-Length over the limit is refused without reading at all.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw fail('image_too_large');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      req.resume();
      throw fail('image_too_large');
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
