/**
 * The upload image pipeline (server/platform/uploads): a 12-megapixel phone JPEG (4000 × 3000,
 * Exif with GPS and orientation, photo-like detail) in; the stored 2,048 px JPEG plus the 480 px
 * WebP thumbnail out. Reported in ms per image, with the bare libvips decode of the same file
 * measured in the same run as the baseline (the pipeline cannot be cheaper than decoding once).
 */
import sharp from 'sharp';
import { processImage } from '../../server/platform/uploads';
import { nowMs, percentile } from './lib';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 12;
const WARMUP = 2;

/** Photo-like pixels: smooth gradients with fine noise, so the JPEG is phone-sized (a few MB). */
async function phoneJpeg(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 12345;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) & 31;
      const i = (y * WIDTH + x) * 3;
      raw[i] = ((x * 255) / WIDTH + n) & 255;
      raw[i + 1] = ((y * 255) / HEIGHT + n) & 255;
      raw[i + 2] = (((x + y) * 127) / (WIDTH + HEIGHT) + 64 + n) & 255;
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'BenchPhone', Model: 'X' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function timeEach(fn: () => Promise<unknown>): Promise<{ medianMs: number; p90Ms: number; samples: number[] }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = nowMs();
    await fn();
    samples.push(Number((nowMs() - t).toFixed(1)));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90), samples };
}

export default async function run(): Promise<Record<string, unknown>> {
  const input = await phoneJpeg();
  const decode = await timeEach(() => sharp(input).raw().toBuffer());
  let out: Awaited<ReturnType<typeof processImage>> | undefined;
  const pipeline = await timeEach(async () => {
    out = await processImage(input);
  });
  const ratio = Number((pipeline.medianMs / decode.medianMs).toFixed(2));
  const targets = { msPerImage: 600, ratioToBareDecode: 4 };
  return {
    setup: `${WIDTH}×${HEIGHT} JPEG (${(input.length / 1e6).toFixed(1)} MB, Exif GPS + orientation 6) → processImage: auto-orient, 2,048 px JPEG + 480 px WebP thumbnail, no metadata. ${RUNS} runs after ${WARMUP} warm-ups, one at a time.`,
    input: { width: WIDTH, height: HEIGHT, bytes: input.length },
    output: out
      ? { width: out.width, height: out.height, bytes: out.data.length, thumb: { width: out.thumb.width, height: out.thumb.height, bytes: out.thumb.data.length } }
      : null,
    baseline: { bareDecode: decode },
    pipeline,
    ratioToBareDecode: ratio,
    targets,
    pass: { msPerImage: pipeline.medianMs <= targets.msPerImage, ratioToBareDecode: ratio <= targets.ratioToBareDecode },
  };
}
