import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import { intakeAttachment, processImage, sniffImageType, storePrivateFile } from '../../../platform/uploads';
import { ClinicAttachment, type AttachmentDoc } from '../model';

export const ATTACHMENT_AREA = 'clinic';
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A resident's file for a booking, before it is booked: an image goes through the one image
 * pipeline (re-encoded, no metadata), a PDF is sniffed and size-checked; either is stored
 * privately and served only to those who may see the booking.
 */
export async function storeAttachment(
  deps: AppDeps,
  input: { owner: string; body: Buffer; name: string },
): Promise<AttachmentDoc> {
  const id = new Types.ObjectId();
  let kind: 'image' | 'pdf';
  let data: Buffer;
  let mime: string;
  let ext: string;
  if (sniffImageType(input.body)) {
    const image = await processImage(input.body);
    ({ data, mime, ext } = image);
    kind = 'image';
  } else {
    ({ data, mime, ext } = intakeAttachment(input.body, { types: ['pdf'], maxBytes: ATTACHMENT_MAX_BYTES }));
    kind = 'pdf';
  }
  const rel = `${input.owner}/${String(id)}.${ext}`;
  await storePrivateFile(deps, ATTACHMENT_AREA, rel, data);
  const doc = await ClinicAttachment.create({
    _id: id,
    owner: new Types.ObjectId(input.owner),
    kind,
    mime,
    rel,
    name: input.name,
    bytes: data.length,
  });
  return doc.toObject<AttachmentDoc>();
}
