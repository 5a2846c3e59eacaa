/**
 * Booking attachments that are not photos: a PDF (a contract, a payslip, a court paper).
 * weapp keeps such files in chats only, so it picks from there (chooseMessageFile); H5 opens
 * the browser's file dialog. Either goes to the same upload route as images: the server sniffs
 * the bytes (intakeAttachment) and refuses anything that is not a PDF or an image.
 */
import Taro from '@tarojs/taro';
import type { TOut } from '@shared/schemas/common';
import type { ZAttachmentEnvelope } from '@shared/schemas/clinic/bookings';
import { ApiError } from './request';
import { uploadImage, type TChosenImage } from './media';
import { isH5 } from './nav';

/** The server's limit (ATTACHMENT_MAX_BYTES in the clinic module), checked before sending. */
export const CLINIC_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const NOT_PDF = '请选择 PDF 文件';

export interface TChosenPdf extends TChosenImage {
  name: string;
}

function pickInBrowser(): Promise<TChosenPdf | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'application/pdf,.pdf';
    input.id = 'clinic-pdf-input';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: file.name, name: file.name, size: file.size, type: file.type, originalFileObj: file } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWeapp(): Promise<TChosenPdf | null> {
  const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] }).catch(() => null);
  const f = r?.tempFiles[0];
  return f ? { path: f.path, name: f.name, size: f.size } : null;
}

/** Lets the resident pick one PDF; null when they back out. Wrong type or size is an ApiError. */
export async function choosePdfFile(): Promise<TChosenPdf | null> {
  const f = await (isH5 ? pickInBrowser() : pickInWeapp());
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
