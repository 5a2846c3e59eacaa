import { Types } from 'mongoose';
import { NOTICE_FILE_LIMITS } from '@shared/schemas/community/notices';
import type { AppDeps } from '../../../../deps';
import { fail } from '../../../../http/errors';
import { intakeAttachment, processImage, sniffImageType, storePrivateFile } from '../../../../platform/uploads';
import { NoticeFile, type NoticeFileDoc } from '../model';

export const NOTICE_FILE_AREA = 'notices';

/** The file name as shown and downloaded, with the extension of what the bytes turned out to be. */
function nameWithExt(name: string, ext: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || '附件';
  return `${base.slice(0, NOTICE_FILE_LIMITS.name - ext.length - 1)}.${ext}`;
}

/**
 * Stores one uploaded notice file before the notice that shows it is published: an image goes
 * through the one image pipeline (re-encoded without metadata, with a thumbnail); anything else
 * must sniff as PDF or an Office file. Both are stored privately; the route that serves them
 * decides who may read them. Throws the uploads' AppErrors (413, 415, 400, 422).
 */
export async function storeNoticeFile(deps: AppDeps, input: { uploaderId: string; body: Buffer; name: string }): Promise<NoticeFileDoc> {
  const id = new Types.ObjectId();
  const shard = id.toHexString().slice(-2);
  let doc: Omit<NoticeFileDoc, '_id' | 'uploader' | 'createdAt'>;
  if (sniffImageType(input.body)) {
    if (input.body.length > NOTICE_FILE_LIMITS.imageBytes) throw fail('image_too_large');
    const image = await processImage(input.body);
    const rel = `${shard}/${String(id)}.${image.ext}`;
    const thumbRel = `${shard}/${String(id)}.thumb.${image.thumb.ext}`;
    await Promise.all([storePrivateFile(deps, NOTICE_FILE_AREA, rel, image.data), storePrivateFile(deps, NOTICE_FILE_AREA, thumbRel, image.thumb.data)]);
    doc = { kind: 'image', name: nameWithExt(input.name, image.ext), mime: image.mime, rel, thumbRel, bytes: image.data.length };
  } else {
    const file = intakeAttachment(input.body, { types: [...NOTICE_FILE_LIMITS.documentExtensions], maxBytes: NOTICE_FILE_LIMITS.documentBytes });
    const rel = `${shard}/${String(id)}.${file.ext}`;
    await storePrivateFile(deps, NOTICE_FILE_AREA, rel, file.data);
    doc = { kind: 'document', name: nameWithExt(input.name, file.ext), mime: file.mime, rel, bytes: file.data.length };
  }
  const created = await NoticeFile.create({ _id: id, uploader: new Types.ObjectId(input.uploaderId), createdAt: deps.now(), ...doc });
  return created.toObject<NoticeFileDoc>();
}
