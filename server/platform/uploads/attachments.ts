/**
 * Non-image attachments (a clinic's PDF): the type is sniffed from the bytes, the size is
 * limited, and the file is stored outside every public folder. They are neither re-encoded nor
 * sent to a content check (DECISIONS: Hardening); the route that serves one decides who may
 * read it and answers through sendPrivateFile (no caching, always a download).
 */
import { createReadStream } from 'node:fs';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParameterizedContext } from 'koa';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';

export type AttachmentType = 'pdf' | 'docx' | 'xlsx' | 'pptx';

/**
 * Office Open XML files are ZIP archives whose first entry is `[Content_Types].xml` and whose
 * parts live under word/, xl/ or ppt/: the local file headers name them near the start and the
 * central directory at the end. The archive is never unpacked here (no zip bomb to fear).
 */
const ooxml = (folder: string) => (b: Buffer) =>
  b.length > 30 &&
  b.readUInt32LE(0) === 0x04034b50 &&
  b.includes('[Content_Types].xml') &&
  b.includes(folder);

const SIGNATURES: Record<AttachmentType, { mime: string; ext: string; test: (b: Buffer) => boolean }> = {
  // "%PDF-" within the first 1 KB, as readers accept it.
  pdf: { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 1024).includes('%PDF-') },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', test: ooxml('word/') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', test: ooxml('xl/') },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', test: ooxml('ppt/') },
};
const TYPE_LABELS: Record<AttachmentType, string> = { pdf: 'PDF', docx: 'Word（.docx）', xlsx: 'Excel（.xlsx）', pptx: 'PowerPoint（.pptx）' };

export interface Attachment {
  data: Buffer;
  mime: string;
  ext: string;
}

/** Checks an attachment's bytes: 413 attachment_too_large, 415 attachment_type_unsupported. */
export function intakeAttachment(body: Buffer, opts: { types: AttachmentType[]; maxBytes: number }): Attachment {
  if (body.length > opts.maxBytes) throw fail('attachment_too_large');
  const type = opts.types.find((t) => SIGNATURES[t].test(body));
  if (!type) {
    // The message names what this upload accepts (the error id's own text says PDF only).
    throw opts.types.length === 1 && opts.types[0] === 'pdf'
      ? fail('attachment_type_unsupported')
      : fail('attachment_type_unsupported', `仅支持 ${opts.types.map((t) => TYPE_LABELS[t]).join('、')} 格式的文件`);
  }
  return { data: body, mime: SIGNATURES[type].mime, ext: SIGNATURES[type].ext };
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** LINLI_DATA_DIR/private/<area>/<segments...>; every segment is checked, so no path leaves it. */
function privatePath(deps: AppDeps, area: string, rel: string): string {
  const parts = [area, ...rel.split('/')];
  if (!parts.every((p) => SAFE_SEGMENT.test(p) && p !== '..')) throw new Error(`unsafe private path: ${area}/${rel}`);
  return path.resolve(deps.config.LINLI_DATA_DIR, 'private', ...parts);
}

/** Stores a private file at `<area>/<rel>` (rel like `<ownerId>/<fileId>.pdf`). */
export async function storePrivateFile(deps: AppDeps, area: string, rel: string, data: Buffer): Promise<void> {
  const file = privatePath(deps, area, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data, { mode: 0o600 });
}

export async function removePrivateFile(deps: AppDeps, area: string, rel: string): Promise<void> {
  await unlink(privatePath(deps, area, rel)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

/**
 * Answers with a private file the caller has already authorised: never cached, downloaded
 * (never rendered inline), 404 when it is gone. `inline` is for re-encoded images only (the
 * image pipeline's output is safe to show in the page).
 */
export async function sendPrivateFile(
  ctx: ParameterizedContext,
  deps: AppDeps,
  file: { area: string; rel: string; mime: string; downloadName: string; inline?: boolean },
): Promise<void> {
  const full = privatePath(deps, file.area, file.rel);
  const info = await stat(full).catch(() => null);
  if (!info) throw fail('not_found', '文件不存在');
  ctx.set('Content-Type', file.mime);
  ctx.set('Content-Length', String(info.size));
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Disposition', `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`);
  ctx.body = createReadStream(full);
}
