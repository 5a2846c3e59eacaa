import type { IncomingMessage } from 'node:http';
import { fail } from '../../http/errors';

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

/**
 * The image bytes of an upload: the raw body (H5 posts the File itself), or the first file
 * part of a multipart/form-data body (the mini-program's wx.uploadFile, the only way it can
 * report upload progress, always sends multipart). Read within `limit` like readRawBody.
 */
export async function readUploadBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const body = await readRawBody(req, limit);
  const type = req.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd);
    if (next === -1) break;
    const head = body.toString('latin1', at, headEnd);
    if (/filename=/i.test(head)) return body.subarray(headEnd + 4, next);
    at = next + 2;
  }
  throw fail('image_invalid', '上传内容中没有图片文件');
}
