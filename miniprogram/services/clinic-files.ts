/**
 * Booking attachments that are not photos: a PDF (a contract, a payslip, a court paper).
 * weapp keeps such files in chats only, so it picks from there (chooseMessageFile); H5 opens
 * the browser's file dialog. Either goes to the same upload route as images: the server sniffs
 * the bytes (intakeAttachment) and refuses anything that is not a PDF or an image.
 */
import type { TOut } from '@shared/schemas/common';
import type { ZAttachmentEnvelope } from '@shared/schemas/clinic/bookings';
import { ApiError } from './request';
import { chooseDocumentFile, uploadImage, type TChosenImage } from './media';

/** The server's limit (ATTACHMENT_MAX_BYTES in the clinic module), checked before sending. */
export const CLINIC_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const NOT_PDF = '请选择 PDF 文件';

export interface TChosenPdf extends TChosenImage {
  name: string;
}

/** Lets the resident pick one PDF; null when they back out. Wrong type or size is an ApiError. */
export async function choosePdfFile(): Promise<TChosenPdf | null> {
  const f = await chooseDocumentFile(['pdf']);
  if (!f) return null;
  if (!/\.pdf$/i.test(f.name)) throw new ApiError(415, 'attachment_type_unsupported', NOT_PDF);
  if (f.size > CLINIC_ATTACHMENT_MAX_BYTES) throw new ApiError(413, 'attachment_too_large', '文件不能超过 5MB');
  return f;
}

/** Uploads a picked file (image or PDF) as a booking attachment, named for the resident's list. */
export function uploadClinicAttachment(file: TChosenImage, name: string) {
  return uploadImage<TOut<typeof ZAttachmentEnvelope>>(
    `/api/clinic-attachments?name=${encodeURIComponent(name.slice(0, 80))}`,
    file,
    CLINIC_ATTACHMENT_MAX_BYTES,
  );
}
