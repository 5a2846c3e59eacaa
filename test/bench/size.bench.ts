/**
 * The size report (issues 15 and 16): what a phone downloads, from the builds in dist/.
 *
 * weapp (dist/weapp or LINLI_WEAPP_DIR): the main package and each subpackage, as WeChat counts
 * them (every file under the package root; the main package is everything outside them), against
 * the main-package budget (700 KB; WeChat's hard limit is 2 MB per package).
 * H5 (dist/h5 or LINLI_H5_DIR): the scripts and styles index.html loads before any page (raw and as
 * the brotli files the server sends), the largest chunk, all JS, and how many script files carry
 * the validation library (target: one, i.e. each vendor bundled once).
 * Baseline: the same figures for the build at 4e33624 (before issue 15), measured on this machine
 * on 2026-12-05; the ratios compare the current build with it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ratio } from './lib';

const ROOT = path.resolve(__dirname, '..', '..');
const WEAPP = path.resolve(process.env.LINLI_WEAPP_DIR ?? path.join(ROOT, 'dist', 'weapp'));
const H5 = path.resolve(process.env.LINLI_H5_DIR ?? path.join(ROOT, 'dist', 'h5'));
const KB = 1024;
const TARGETS = { weappMainKB: 700, weappSubpackageKB: 2048, h5ZodFiles: 1 };
/** Before issue 15 (build of 4e33624, same machine, 2026-12-05). */
const BEFORE = {
  weapp: {
    mainKB: 493.9,
    subpackagesKB: { 'packages/staff': 7.5, 'packages/admin': 24.1, 'packages/volunteer': 72.4, 'packages/team': 46.8, 'packages/district': 22.3 },
  },
  h5: { jsFiles: 35, jsKB: 6771.3, largestChunkKB: 490, zodFiles: 21, initialKB: 378.3, initialGzipKB: 122, precompressed: 0 },
};

const round = (n: number) => Number(n.toFixed(1));

function bytesUnder(dir: string, skip: (rel: string) => boolean = () => false): number {
  let total = 0;
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    if (skip(rel)) continue;
    const s = statSync(path.join(dir, rel));
    if (s.isFile()) total += s.size;
  }
  return total;
}

function weapp(): Record<string, unknown> | null {
  const appJson = path.join(WEAPP, 'app.json');
  if (!existsSync(appJson)) return null;
  const roots = ((JSON.parse(readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[] }).subPackages ?? []).map((p) =>
    p.root.replace(/\/$/, ''),
  );
  const subpackagesKB = Object.fromEntries(roots.map((r) => [r, round(bytesUnder(path.join(WEAPP, r)) / KB)]));
  const mainKB = round(bytesUnder(WEAPP, (rel) => roots.some((r) => rel === r || rel.startsWith(`${r}/`))) / KB);
  return { dir: path.relative(ROOT, WEAPP) || WEAPP, mainKB, subpackagesKB, mainRatioToBefore: ratio(mainKB, BEFORE.weapp.mainKB) };
}

function h5(): Record<string, unknown> | null {
  const index = path.join(H5, 'index.html');
  if (!existsSync(index)) return null;
  const initial = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const size = (rel: string) => statSync(path.join(H5, rel)).size;
  const brSize = (rel: string) => (existsSync(path.join(H5, `${rel}.br`)) ? size(`${rel}.br`) : size(rel));
  const js = (readdirSync(path.join(H5, 'js')) as string[]).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`);
  const zodFiles = js.filter((f) => readFileSync(path.join(H5, f), 'utf8').includes('ZodError')).length;
  const initialKB = round(initial.reduce((s, f) => s + size(f), 0) / KB);
  const jsKB = round(js.reduce((s, f) => s + size(f), 0) / KB);
  const largestChunkKB = round(Math.max(...js.map(size)) / KB);
  return {
    dir: path.relative(ROOT, H5) || H5,
    initial,
    initialKB,
    initialBrotliKB: round(initial.reduce((s, f) => s + brSize(f), 0) / KB),
    jsFiles: js.length,
    jsKB,
    jsBrotliKB: round(js.reduce((s, f) => s + brSize(f), 0) / KB),
    largestChunkKB,
    zodFiles,
    precompressed: js.filter((f) => existsSync(path.join(H5, `${f}.br`))).length,
    ratiosToBefore: { jsKB: ratio(jsKB, BEFORE.h5.jsKB), largestChunkKB: ratio(largestChunkKB, BEFORE.h5.largestChunkKB) },
  };
}

export default async function run(): Promise<Record<string, unknown>> {
  const w = weapp();
  const h = h5();
  if (!w && !h) throw new Error('no build in dist/: run `npm run build:weapp` and/or `NODE_ENV=production npm run build:h5` first');
  const pass: Record<string, boolean> = {};
  if (w) {
    pass.weappMain = (w.mainKB as number) <= TARGETS.weappMainKB;
    pass.weappSubpackages = Object.values(w.subpackagesKB as Record<string, number>).every((kb) => kb <= TARGETS.weappSubpackageKB);
  }
  if (h) pass.h5EachVendorOnce = (h.zodFiles as number) <= TARGETS.h5ZodFiles;
  return { before: BEFORE, weapp: w ?? 'no build', h5: h ?? 'no build', targets: TARGETS, pass };
}
