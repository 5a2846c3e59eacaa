/**
 * Photo intake without an image library: recognise the format by its magic bytes (never
 * by the client's Content-Type or file name) and remove metadata that can carry the
 * phone's GPS position, serial number or owner name, without re-encoding the pixels.
 */
import { AppError, fail } from '../../../http/errors';

export type ImageType = 'jpeg' | 'png' | 'webp';

export const IMAGE_MIME: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export class ImageFormatError extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImageType(buf: Buffer): ImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

/**
 * JPEG: drop APP1 (Exif, XMP), APP13 (Photoshop/IPTC), APP3–APP12 and APP15 (vendor blocks)
 * and comments. APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour transform)
 * stay because decoders need them to show the right colours. Everything from the start of
 * scan on is entropy-coded data and is copied unchanged.
 */
function stripJpeg(buf: Buffer): Buffer {
  const keep: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw new ImageFormatError('jpeg: expected a marker');
    let marker = buf[i + 1];
    // Fill bytes (0xFF padding) may precede a marker.
    while (marker === 0xff && i + 2 < buf.length) {
      i += 1;
      marker = buf[i + 1];
    }
    if (marker === undefined) throw new ImageFormatError('jpeg: truncated');
    if (marker === 0xd9) {
      keep.push(buf.subarray(i, i + 2));
      return Buffer.concat(keep);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      keep.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > buf.length) throw new ImageFormatError('jpeg: truncated segment header');
    const length = buf.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > buf.length) throw new ImageFormatError('jpeg: bad segment length');
    const segment = buf.subarray(i, i + 2 + length);
    if (marker === 0xda) {
      keep.push(buf.subarray(i));
      return Buffer.concat(keep);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keepApp = marker === 0xe0 || marker === 0xe2 || marker === 0xee;
    if (!(isApp && !keepApp) && marker !== 0xfe) keep.push(segment);
    i += 2 + length;
  }
  throw new ImageFormatError('jpeg: no image data');
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(buf: Buffer): Buffer {
  const keep: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  while (i + 12 <= buf.length) {
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > buf.length) throw new ImageFormatError('png: truncated chunk');
    if (!PNG_DROP.has(type)) keep.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(keep);
  }
  throw new ImageFormatError('png: missing IEND');
}

const WEBP_DROP = new Set(['EXIF', 'XMP ']);
const VP8X_FLAG_EXIF = 0x08;
const VP8X_FLAG_XMP = 0x04;

function stripWebp(buf: Buffer): Buffer {
  const riffEnd = Math.min(buf.length, 8 + buf.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = buf.toString('latin1', i, i + 4);
    const size = buf.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new ImageFormatError('webp: truncated chunk');
    if (!WEBP_DROP.has(fourcc)) {
      const chunk = Buffer.from(buf.subarray(i, Math.min(end, riffEnd)));
      if (fourcc === 'VP8X' && size >= 1) chunk[8] &= ~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP);
      chunks.push(chunk);
    }
    i = end;
  }
  if (chunks.length === 0) throw new ImageFormatError('webp: no chunks');
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** Returns the image without metadata; throws ImageFormatError when the file is not a well-formed image. */
export function stripImageMetadata(buf: Buffer): { type: ImageType; data: Buffer } {
  const type = sniffImageType(buf);
  if (!type) throw new ImageFormatError('unsupported image type');
  const data = type === 'jpeg' ? stripJpeg(buf) : type === 'png' ? stripPng(buf) : stripWebp(buf);
  return { type, data };
}

/** Type by magic bytes (415), well-formed (400), metadata stripped: the bytes that get stored. */
export function intakeImage(body: Buffer): { data: Buffer; mime: string; ext: string } {
  const type = sniffImageType(body);
  if (!type) throw fail('image_type_unsupported');
  try {
    const stripped = stripImageMetadata(body);
    return { data: stripped.data, mime: IMAGE_MIME[stripped.type], ext: stripped.type === 'jpeg' ? 'jpg' : stripped.type };
  } catch (err) {
    if (err instanceof ImageFormatError) throw new AppError('image_invalid');
    throw err;
  }
}
