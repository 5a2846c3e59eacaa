import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { AppError } from '../../http/errors';
import { buildTestImages, leftovers, NOTHING_LEFT } from '../../modules/volunteering/gallery/test-images';
import { IMAGE_LIMITS, processImage, sniffImageType } from './images';

jest.setTimeout(30_000);

/** A 1-pixel PNG whose header claims `width` × `height` (a bomb that costs nothing to send). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe('the image pipeline', () => {
  it('recognises formats by magic bytes, not by name', () => {
    expect(sniffImageType(Buffer.from('ffd8ffe0', 'hex'))).toBe('jpeg');
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(sniffImageType(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImageType(Buffer.from('GIF89a....', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('when a phone JPEG carries GPS Exif, XMP and an appended second picture, keeps only the upright pixels', async () => {
    const { jpegWithExif } = await buildTestImages();
    // The fixture really carries what a phone writes (so this test would catch a stripper that misses it).
    const before = await leftovers(jpegWithExif);
    expect(before.exif && before.xmp).toBe(true);
    expect(before.markers).toEqual(['LinliPhone', 'EXIF-SECRET', 'XMP-SECRET', 'SECOND-PICTURE']);
    expect(before.afterEnd).toBeGreaterThan(0);

    const out = await processImage(jpegWithExif);
    expect(out.mime).toBe('image/jpeg');
    expect(await leftovers(out.data)).toEqual(NOTHING_LEFT);
    expect(await leftovers(out.thumb.data)).toEqual(NOTHING_LEFT);
    // Exif orientation 6: the 64×48 picture is stored turned upright, 48×64, with no orientation tag.
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([48, 64, undefined]);
    expect(out.thumb.mime).toBe('image/webp');
  });

  it('caps the long side at 2,048 px and makes a 480 px WebP thumbnail; small images are not enlarged', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a7' } }).png().toBuffer();
    const out = await processImage(big);
    expect([out.width, out.height, out.mime]).toEqual([IMAGE_LIMITS.maxLongSide, 1536, 'image/png']);
    expect([out.thumb.width, out.thumb.height]).toEqual([IMAGE_LIMITS.thumbLongSide, 360]);
    const small = await sharp({ create: { width: 30, height: 20, channels: 4, background: '#0000' } }).webp().toBuffer();
    const kept = await processImage(small);
    expect([kept.width, kept.height, kept.mime, kept.thumb.width]).toEqual([30, 20, 'image/webp', 30]);
  });

  it('refuses what is not an image (415), what does not decode (400) and decompression bombs (422)', async () => {
    const { jpegClean } = await buildTestImages();
    expect(await codeOf(processImage(Buffer.from('GIF89a........')))).toBe('image_type_unsupported');
    expect(await codeOf(processImage(jpegClean.subarray(0, jpegClean.length - 40)))).toBe('image_invalid');
    expect(await codeOf(processImage(Buffer.concat([jpegClean.subarray(0, 4), Buffer.alloc(200, 7)])))).toBe(
      'image_invalid',
    );
    expect(await codeOf(processImage(await pngClaiming(20_000, 20_000)))).toBe('image_too_many_pixels');
    // A real one: 8,000 × 7,000 pixels of one colour, a few hundred KB as PNG, 168 MB decoded.
    const bomb = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await codeOf(processImage(bomb))).toBe('image_too_many_pixels');
  });
});
