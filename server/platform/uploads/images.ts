/**
 * The one image pipeline for every upload (gallery photos, activity covers, and later issue
 * reports, clinic attachments, notices). The bytes are decoded by libvips (sharp), turned
 * upright from their Exif orientation and encoded again, so nothing of the upload survives but
 * its pixels: no Exif (GPS position, device serial), XMP, IPTC or comments, and nothing that was
 * appended after the image (the second picture of a phone's multi-picture JPEG). What does not
 * decode is refused, and so is a decompression bomb (more pixels than IMAGE_LIMITS allows).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { AppError, fail } from '../../http/errors';

export const IMAGE_LIMITS = {
  /** Long side of the stored image; larger uploads are scaled down. */
  maxLongSide: 2048,
  /** Long side of the WebP thumbnail that lists show. */
  thumbLongSide: 480,
  /** Decoded pixels an upload may have (a 48-megapixel phone photo fits; a bomb does not). */
  maxInputPixels: 50_000_000,
} as const;

export type ImageType = 'jpeg' | 'png' | 'webp';

export interface EncodedImage {
  data: Buffer;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

export interface ProcessedImage extends EncodedImage {
  /** IMAGE_LIMITS.thumbLongSide px WebP, for lists. */
  thumb: EncodedImage;
}

// One process serves many requests: no decoded-image cache, and libvips' threads stay modest.
sharp.cache(false);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type by magic bytes, never by the client's Content-Type or file name. */
export function sniffImageType(buf: Buffer): ImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

const ENCODE: Record<ImageType, (s: Sharp) => Sharp> = {
  jpeg: (s) => s.jpeg({ quality: 82, mozjpeg: true }),
  png: (s) => s.png({ compressionLevel: 9 }),
  webp: (s) => s.webp({ quality: 80 }),
};
const MIME: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const EXT: Record<ImageType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

const isPixelLimit = (err: unknown): boolean => /pixel limit/i.test((err as Error)?.message ?? '');

/**
 * Decodes, auto-orients, caps the long side at IMAGE_LIMITS.maxLongSide and re-encodes in the
 * upload's own format (JPEG stays JPEG, PNG keeps its transparency), plus a WebP thumbnail.
 * Throws AppError: image_type_unsupported (415), image_invalid (400), image_too_many_pixels (422).
 */
export async function processImage(body: Buffer): Promise<ProcessedImage> {
  const type = sniffImageType(body);
  if (!type) throw fail('image_type_unsupported');
  try {
    // `pages: 1`: only the first frame of an animated WebP; failOn 'error' refuses truncated data.
    const upright = sharp(body, { limitInputPixels: IMAGE_LIMITS.maxInputPixels, failOn: 'error', pages: 1 })
      .rotate()
      .toColourspace('srgb');
    const fit = (side: number) => ({ width: side, height: side, fit: 'inside' as const, withoutEnlargement: true });
    const [full, thumb] = await Promise.all([
      ENCODE[type](upright.clone().resize(fit(IMAGE_LIMITS.maxLongSide))).toBuffer({ resolveWithObject: true }),
      upright.clone().resize(fit(IMAGE_LIMITS.thumbLongSide)).webp({ quality: 72 }).toBuffer({ resolveWithObject: true }),
    ]);
    return {
      data: full.data,
      mime: MIME[type],
      ext: EXT[type],
      width: full.info.width,
      height: full.info.height,
      thumb: { data: thumb.data, mime: 'image/webp', ext: 'webp', width: thumb.info.width, height: thumb.info.height },
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isPixelLimit(err)) throw new AppError('image_too_many_pixels');
    throw new AppError('image_invalid');
  }
}

/**
 * Writes a processed image and its thumbnail under `dir` as `<base>.<ext>` and
 * `<base>.thumb.webp` (base like `<activityId>/<photoId>`); returns both paths relative to dir.
 */
export async function writeImageFiles(
  dir: string,
  base: string,
  image: ProcessedImage,
): Promise<{ file: string; thumbFile: string }> {
  const file = `${base}.${image.ext}`;
  const thumbFile = `${base}.thumb.${image.thumb.ext}`;
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await Promise.all([writeFile(path.join(dir, file), image.data), writeFile(path.join(dir, thumbFile), image.thumb.data)]);
  return { file, thumbFile };
}
