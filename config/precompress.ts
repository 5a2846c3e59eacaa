/**
 * Build-time compression of the H5 portal's text files: each `x.js` gets `x.js.br` (brotli, best
 * quality) and `x.js.gz` (gzip -9) next to it, and server/http/static-spa.ts serves whichever the
 * browser accepts. Done once per build with Node's zlib, so the server never spends CPU on it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Compiler } from 'webpack';

/** Text assets worth compressing; source maps are not sent to residents. */
export const PRECOMPRESS_PATTERN = /\.(js|css|html|svg|json|txt)$/;
/** Smaller files fit in one packet either way. */
export const PRECOMPRESS_MIN_BYTES = 1024;
/** Keep a variant only if it saves at least this share (as compression-webpack-plugin's minRatio). */
const MIN_RATIO = 0.8;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export interface Variant {
  suffix: '.br' | '.gz';
  data: Buffer;
}

/** The compressed siblings of one file's bytes; empty when it is too small or does not shrink. */
export async function variantsOf(name: string, data: Buffer): Promise<Variant[]> {
  if (!PRECOMPRESS_PATTERN.test(name) || data.length < PRECOMPRESS_MIN_BYTES) return [];
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  const kept: Variant[] = [];
  if (br.length < data.length * MIN_RATIO) kept.push({ suffix: '.br', data: br });
  if (gz.length < data.length * MIN_RATIO) kept.push({ suffix: '.gz', data: gz });
  return kept;
}

/** Write the siblings for every text file under `dir` (for a folder built without the plugin). */
export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; brBytes: number }> {
  const summary = { files: 0, bytes: 0, brBytes: 0 };
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const data = await fs.readFile(file);
    const variants = await variantsOf(entry.name, data);
    for (const v of variants) await fs.writeFile(file + v.suffix, v.data);
    if (variants.length) {
      summary.files += 1;
      summary.bytes += data.length;
      summary.brBytes += variants.find((v) => v.suffix === '.br')?.data.length ?? data.length;
    }
  }
  return summary;
}

/** Webpack plugin: add the siblings as assets after minification (the stage compression plugins use). */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('LinliPrecompress', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'LinliPrecompress', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async (assets) => {
          for (const name of Object.keys(assets)) {
            const asset = compilation.getAsset(name);
            if (!asset || asset.info.related?.brotli) continue;
            for (const v of await variantsOf(name, asset.source.buffer())) {
              compilation.emitAsset(`${name}${v.suffix}`, new sources.RawSource(v.data), { compressed: true });
            }
          }
        },
      );
    });
  }
}
