import type { IncomingMessage } from 'node:http';
import { unlessRefused } from '../../../http/refusals';
import type { Refusal } from '../../../platform/outcome';

export type ReadBodyResult = { outcome: 'read'; body: Buffer } | Refusal<'image_too_large' | 'no_file'>;

/**
 * Reads a raw upload body, refusing it as soon as it passes `limit` bytes (before buffering
 * the rest), so an oversized upload costs at most `limit` bytes of memory. A declared
 * Content-Length over the limit is refused without reading at all.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<ReadBodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return { outcome: 'image_too_large' };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      req.resume();
      return { outcome: 'image_too_large' };
    }
    chunks.push(buf);
  }
  return { outcome: 'read', body: Buffer.concat(chunks) };
}

/**
 * The image bytes of an upload: the raw body (H5 posts the File itself), or the first file
 * part of a multipart/form-data body (the mini-program's wx.uploadFile, the only way it can
 * report upload progress, always sends multipart). Read within `limit` like readRawBody;
 * a multipart body without a file part is `no_file`.
 */
export async function readUpload(req: IncomingMessage, limit: number): Promise<ReadBodyResult> {
  const raw = await readRawBody(req, limit);
  if (raw.outcome !== 'read') return raw;
  const { body } = raw;
  const type = req.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return raw;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd);
    if (next === -1) break;
    const head = body.toString('latin1', at, headEnd);
    if (/filename=/i.test(head)) return { outcome: 'read', body: body.subarray(headEnd + 4, next) };
    at = next + 2;
  }
  return { outcome: 'no_file' };
}

/** For upload routes: the bytes, or the refusal answered (413 image_too_large, 400 image_invalid). */
export async function readUploadBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const r = await readUpload(req, limit);
  unlessRefused(r, {
    image_too_large: 'image_too_large',
    no_file: { code: 'image_invalid', message: '上传内容中没有图片文件' },
  });
  return r.body;
}
