/**
 * Benchmark runner (`npm run bench [-- name ...] [--strict]`).
 *
 * Discovers `test/bench/*.bench.ts`; each default-exports `async function run()` returning a
 * JSON-able record (by convention with `targets` and `pass` booleans). Names on the command
 * line select benches by substring. Each result goes to `bench/results/<name>.json` with the
 * time, node version and machine facts. With `--strict` a missed target fails the run; a bench
 * that throws always does. Opt-in benches (OPT_IN: long runs outside CI) run only when named or
 * with their flag (`--scale`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { machineInfo, nowMs } from './lib';

type BenchRun = () => Promise<Record<string, unknown>>;

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_DIR = path.join(ROOT, 'bench', 'results');

/** Benches too long for every run: the seed district at scale takes many minutes. */
const OPT_IN = ['scale'];

async function discover(filters: string[], flags: string[]): Promise<{ name: string; file: string }[]> {
  const files = (await fs.readdir(__dirname)).filter((f) => f.endsWith('.bench.ts')).sort();
  return files
    .map((f) => ({ name: f.replace(/\.bench\.ts$/, ''), file: path.join(__dirname, f) }))
    .filter((b) =>
      OPT_IN.includes(b.name)
        ? flags.includes(`--${b.name}`) || filters.includes(b.name)
        : filters.length === 0 || filters.some((x) => b.name.includes(x)),
    );
}

/** Flatten `pass` into "key: true/false" pairs, however deep it is nested. */
function passes(v: unknown, prefix = ''): [string, boolean][] {
  if (typeof v === 'boolean') return [[prefix || 'pass', v]];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => passes(x, prefix ? `${prefix}.${k}` : k));
  return [];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const filters = args.filter((a) => !a.startsWith('--'));
  const benches = await discover(filters, args);
  if (benches.length === 0) {
    process.stderr.write(`no benchmarks match ${filters.join(', ') || '(any)'} in ${path.relative(ROOT, __dirname)}\n`);
    return 1;
  }
  await fs.mkdir(OUT_DIR, { recursive: true });
  const summary: { name: string; seconds: number; error?: string; passes: [string, boolean][] }[] = [];
  for (const b of benches) {
    process.stdout.write(`\n▶ ${b.name}\n`);
    const machine = machineInfo();
    const started = nowMs();
    try {
      const mod = (await import(b.file)) as { default?: BenchRun | { default?: BenchRun } };
      const run = typeof mod.default === 'function' ? mod.default : mod.default?.default;
      if (typeof run !== 'function') throw new Error(`${b.file} has no default-exported run()`);
      const results = await run();
      const seconds = Number(((nowMs() - started) / 1000).toFixed(1));
      const record = { name: b.name, timestamp: new Date().toISOString(), durationSeconds: seconds, machine, ...results };
      await fs.writeFile(path.join(OUT_DIR, `${b.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
      summary.push({ name: b.name, seconds, passes: passes(results.pass) });
    } catch (e) {
      const seconds = Number(((nowMs() - started) / 1000).toFixed(1));
      summary.push({ name: b.name, seconds, error: (e as Error).stack ?? String(e), passes: [] });
    }
  }
  process.stdout.write('\nBenchmark summary\n');
  let failed = false;
  for (const s of summary) {
    if (s.error) {
      failed = true;
      process.stdout.write(`  ✗ ${s.name} (${s.seconds}s) failed:\n${s.error}\n`);
      continue;
    }
    const missed = s.passes.filter(([, ok]) => !ok);
    if (strict && missed.length) failed = true;
    process.stdout.write(`  ${missed.length ? '△' : '✓'} ${s.name} (${s.seconds}s) -> bench/results/${s.name}.json\n`);
    for (const [k, ok] of s.passes) process.stdout.write(`      ${ok ? 'pass' : 'MISS'}  ${k}\n`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
