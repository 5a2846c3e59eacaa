/**
 * The district at scale (issue 15), opt-in: `npm run bench -- --scale` (or `npm run bench -- scale`).
 *
 * Seeds a district with server/demo/scale.ts twice: at 1/1000 of the seed district (3 teams,
 * 250 volunteers, 6,250 hours) and at SCALE_BENCH_FRACTION of it (default 0.02; 1 = the full
 * 3,163 teams / 250,000 volunteers / 6.25 million hours), each in its own embedded engine with a
 * journal on disk. For each it measures, through HTTP on the real app, one request at a time:
 * district stats, a team's stats, the leaderboard, a volunteer's hours page, issuing a certificate
 * and the nearby activity list, and reports p50/p95 and p95(large)/p95(small) (target ≤ 2).
 * It also records the engine's memory for the data (heap growth while seeding, and again when a
 * second engine loads a copy of the files) and the start-up time from the journal and from the
 * snapshot the engine writes on shutdown, and from those whether the whole seed district fits in
 * this machine's memory (`capacity`: needed vs. the machine's, the largest fraction measured).
 * Run with `node --expose-gc` (NODE_OPTIONS) for steadier memory figures, and a
 * --max-old-space-size above the extrapolated heap for the fraction (~33 GB × fraction).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { SEED_SCALE, seedScale, type ScaleSummary } from '../../server/demo/scale';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { Session } from '../../server/modules/auth/session-model';
import { hashToken } from '../../server/modules/auth/tokens';
import { buildDistrictAdmin, createTestContext, type TestContext } from '../support';
import { measure, nowMs, ratio, type OpStats } from './lib';

const SMALL = 0.001;
const LARGE = Number(process.env.SCALE_BENCH_FRACTION ?? 0.02);
const TARGET_P95_RATIO = 2;
const MB = 1024 * 1024;
const CENTER = { lng: 121.4737, lat: 31.2304 };

function heapMB(): { heapUsedMB: number; rssMB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: Math.round(m.heapUsed / MB), rssMB: Math.round(m.rss / MB) };
}

function dirMB(dir: string): number {
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(path.join(dir, f));
    if (s.isFile()) bytes += s.size;
  }
  return Number((bytes / MB).toFixed(1));
}

/** Sessions straight into the database for sampled volunteers (login is not what is measured). */
async function volunteerTokens(ids: string[], now: Date): Promise<string[]> {
  const tokens = ids.map(() => randomBytes(24).toString('base64url'));
  await Session.insertMany(
    ids.map((id, i) => ({
      tokenHash: hashToken(tokens[i]),
      userId: new Types.ObjectId(id),
      expiresAt: new Date(now.getTime() + 86_400_000),
      lastSeenAt: now,
    })),
  );
  return tokens.map((t) => `Bearer ${t}`);
}

async function expectOk(res: Promise<{ status: number; body: unknown }>, what: string): Promise<void> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
}

async function measureOps(ctx: TestContext, s: ScaleSummary): Promise<Record<string, OpStats>> {
  const admin = await buildDistrictAdmin(ctx);
  const volunteers = await volunteerTokens(s.sample.volunteerIds.slice(0, 200), new Date());
  const team = (i: number) => s.sample.teamIds[(i * 7919) % s.sample.teamIds.length];
  const vol = (i: number) => volunteers[(i * 31) % volunteers.length];
  // Stats read the monthly rollups (36 documents at most per scope), not the ledger.
  const statsOps = 60;
  const ops: Record<string, { n: number; fn: (i: number) => Promise<void> }> = {
    districtStats: { n: statsOps, fn: () => expectOk(ctx.http.get('/api/admin/volunteering/stats').set('Authorization', admin.auth), 'district stats') },
    teamStats: { n: 60, fn: (i) => expectOk(ctx.http.get(`/api/teams/${team(i)}/stats`).set('Authorization', admin.auth), 'team stats') },
    leaderboard: { n: 200, fn: () => expectOk(ctx.http.get('/api/hours/leaderboard?limit=20'), 'leaderboard') },
    leaderboardMonth: {
      n: 200,
      fn: (i) =>
        expectOk(ctx.http.get(`/api/volunteering/leaderboard?period=${i % 2 ? 'year' : 'month'}${i % 3 ? '' : `&teamId=${team(i)}`}`), 'leaderboard of a period'),
    },
    volunteerHours: { n: 200, fn: (i) => expectOk(ctx.http.get('/api/me/hours').set('Authorization', vol(i)), 'my hours') },
    issueCertificate: { n: 100, fn: (i) => expectOk(ctx.http.post('/api/me/certificates').set('Authorization', vol(i)).send({}), 'certificate') },
    nearby: {
      n: 200,
      fn: (i) =>
        expectOk(ctx.http.get(`/api/activities?lng=${CENTER.lng + ((i % 7) - 3) * 0.01}&lat=${CENTER.lat}&radiusKm=3`), 'nearby'),
    },
  };
  const out: Record<string, OpStats & { loadavg: number[] }> = {};
  // SCALE_BENCH_OPS=districtStats,leaderboardMonth measures only those (a quick re-run of a few).
  const only = process.env.SCALE_BENCH_OPS?.split(',').filter(Boolean);
  for (const [name, op] of Object.entries(ops)) {
    if (only && !only.includes(name)) continue;
    // The load average next to each op: this machine is shared, and a spike shows in the p95.
    out[name] = { ...(await measure(op.n, 1, op.fn, Math.min(5, op.n))), loadavg: os.loadavg().map((x) => Number(x.toFixed(2))) };
    process.stdout.write(`    ${name}: p50 ${out[name].p50Ms} ms, p95 ${out[name].p95Ms} ms\n`);
  }
  return out;
}

/**
 * Start-up of a second engine from a copy of the files: first the journal, then the snapshot its
 * shutdown writes. The seeded engine is released once copied, so only one copy of the data is in
 * memory at a time (the peak is the engine's, not twice it) and the heap growth is the data's.
 */
async function restartTimes(dbPath: string, release: () => Promise<void>): Promise<Record<string, number>> {
  const copy = mkdtempSync(path.join(tmpdir(), 'linli-scale-copy-'));
  try {
    cpSync(dbPath, copy, { recursive: true });
    await release();
    const filesMB = dirMB(copy);
    const before = heapMB();
    process.stdout.write(`    restart: ${filesMB} MB of files, starting a second engine from the journal\n`);
    let t = nowMs();
    const fromJournal = await startEmbeddedMongo({ dbPath: copy });
    const journalStartMs = Math.round(nowMs() - t);
    const loaded = heapMB();
    t = nowMs();
    await fromJournal.stop();
    const stopWithSnapshotMs = Math.round(nowMs() - t);
    const snapshotFilesMB = dirMB(copy);
    process.stdout.write(`    restart: journal ${journalStartMs} ms (heap +${loaded.heapUsedMB - before.heapUsedMB} MB), now from the snapshot\n`);
    t = nowMs();
    const fromSnapshot = await startEmbeddedMongo({ dbPath: copy });
    const snapshotStartMs = Math.round(nowMs() - t);
    await fromSnapshot.stop();
    process.stdout.write(`    restart: snapshot ${snapshotStartMs} ms\n`);
    return {
      filesMB,
      journalStartMs,
      stopWithSnapshotMs,
      snapshotFilesMB,
      snapshotStartMs,
      engineHeapForDataMB: loaded.heapUsedMB - before.heapUsedMB,
      // The process's RSS with this one copy loaded (the seeded engine is gone, though the
      // allocator may keep some of its pages: an upper bound).
      processRssWithDataMB: loaded.rssMB,
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function atScale(fraction: number): Promise<Record<string, unknown>> {
  const size = (k: keyof typeof SEED_SCALE) => Math.max(1, Math.round(SEED_SCALE[k] * fraction));
  const dbPath = mkdtempSync(path.join(tmpdir(), 'linli-scale-'));
  const engine = await startEmbeddedMongo({ dbPath });
  const savedUri = process.env.MONGODB_URI;
  process.env.MONGODB_URI = engine.uri;
  let ctx: TestContext | undefined;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await ctx?.close();
    if (savedUri === undefined) delete process.env.MONGODB_URI;
    else process.env.MONGODB_URI = savedUri;
    await engine.stop();
  };
  try {
    // As production runs: no per-answer schema check (test mode's; the API suite proves the shapes).
    ctx = await createTestContext({ checkResponses: false });
    const before = heapMB();
    process.stdout.write(`  seeding ${fraction} of the seed district\n`);
    const summary = await seedScale({
      teams: size('teams'),
      volunteers: size('volunteers'),
      hours: size('hours'),
      now: new Date(),
      encKey: ctx.config.LINLI_ID_ENC_KEY,
      hashKey: ctx.config.LINLI_ID_HASH_KEY,
      log: (line) => process.stdout.write(`    ${line}\n`),
    });
    const seeded = heapMB();
    const ops = await measureOps(ctx, summary);
    // SCALE_BENCH_RESTART=0 skips the engine restarts (minutes at 1/50) when only the ops are re-measured.
    const restart = process.env.SCALE_BENCH_RESTART === '0' ? { skipped: true } : await restartTimes(dbPath, release);
    const { sample, ...facts } = summary;
    return {
      fraction,
      data: { ...facts, sampledTeams: sample.teamIds.length, sampledVolunteers: Math.min(200, sample.volunteerIds.length) },
      memory: { before, seeded, seedHeapGrowthMB: seeded.heapUsedMB - before.heapUsedMB, ...restart },
      ops,
    };
  } finally {
    await release();
    rmSync(dbPath, { recursive: true, force: true });
  }
}

type LargeMemory = {
  before: { heapUsedMB: number; rssMB: number };
  seeded: { heapUsedMB: number; rssMB: number };
  seedHeapGrowthMB: number;
  skipped?: boolean;
} & Partial<Record<'filesMB' | 'journalStartMs' | 'snapshotStartMs' | 'engineHeapForDataMB' | 'processRssWithDataMB', number>>;

const gb = (mb: number) => Number((mb / 1024).toFixed(1));

/**
 * Whether the whole seed district fits in this machine, from the large run's measured memory
 * (linear in the data, as the 1/1000 and 1/50 runs showed): the larger of the heap growth while
 * seeding and when a second engine loaded the files, and the RSS growth while seeding.
 */
function capacity(large: Record<string, unknown>, freeAtStartMB: number): Record<string, unknown> {
  const mem = large.memory as LargeMemory;
  const hours = (large.data as { hours: number }).hours;
  const heapMB = Math.max(mem.engineHeapForDataMB ?? 0, mem.seedHeapGrowthMB);
  const rssMB = mem.seeded.rssMB - mem.before.rssMB;
  const perSeedMB = Math.max(heapMB, rssMB) / LARGE;
  const machineMB = os.totalmem() / MB;
  // What the app and an empty engine hold before any data (the process's RSS before seeding).
  const baseMB = mem.before.rssMB;
  const fitsFraction = Number(((machineMB - baseMB) / perSeedMB).toFixed(2));
  const fits = fitsFraction >= 1;
  const need = `needs ~${gb(perSeedMB + baseMB)} GB (engine heap ~${gb(heapMB / LARGE)} GB, RSS ~${gb(rssMB / LARGE)} GB for the data, extrapolated from ${LARGE} of it)`;
  const machine = `machine has ${gb(machineMB)} GB (${gb(freeAtStartMB)} GB free at the start)`;
  const measured = `largest measured fraction ${LARGE} (${hours.toLocaleString('en')} hours)`;
  return {
    statement: fits
      ? `the full seed fits: ${need}, ${machine}; ${measured}`
      : `the full seed does not fit: ${need}, ${machine}; ${measured}; the engine alone could hold at most ~${fitsFraction} of the seed in this machine's memory (estimate, not measured)`,
    fullSeedFits: fits,
    fullSeedNeedsGB: gb(perSeedMB + baseMB),
    machineMemoryGB: gb(machineMB),
    freeAtStartGB: gb(freeAtStartMB),
    largestMeasuredFraction: LARGE,
    largestFractionByMemory: fitsFraction,
    measuredFrom: mem.engineHeapForDataMB === undefined ? 'seeding (restarts skipped)' : 'seeding and a second engine loading the files',
  };
}

export default async function run(): Promise<Record<string, unknown>> {
  const freeAtStartMB = os.freemem() / MB;
  const loadavgAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  const small = await atScale(SMALL);
  const large = await atScale(LARGE);
  const smallOps = small.ops as Record<string, OpStats>;
  const largeOps = large.ops as Record<string, OpStats>;
  const p95Ratios = Object.fromEntries(Object.keys(smallOps).map((k) => [k, ratio(largeOps[k].p95Ms, smallOps[k].p95Ms)]));
  const largeMem = large.memory as LargeMemory;
  // Linear in the data: what the engine would need for the whole seed district.
  const perFraction = (x: number | undefined) => (x === undefined ? null : Math.round(x / LARGE));
  return {
    scales: { small: SMALL, large: LARGE, seed: SEED_SCALE },
    run: {
      loadavgAtStart,
      loadavgAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
      heapLimitMB: Math.round(v8.getHeapStatistics().heap_size_limit / MB),
      nodeOptions: process.env.NODE_OPTIONS ?? '',
    },
    capacity: capacity(large, freeAtStartMB),
    small,
    large,
    p95Ratios,
    seedScaleEstimate:
      LARGE >= 1
        ? 'measured'
        : {
            note: 'extrapolated linearly from the large run (memory, files and start-up grow with the data)',
            engineHeapMB: perFraction(largeMem.engineHeapForDataMB ?? largeMem.seedHeapGrowthMB),
            engineRssGrowthMB: perFraction(largeMem.seeded.rssMB - largeMem.before.rssMB),
            filesMB: perFraction(largeMem.filesMB),
            journalStartMs: perFraction(largeMem.journalStartMs),
            snapshotStartMs: perFraction(largeMem.snapshotStartMs),
            seedSeconds: perFraction((large.data as { seconds: number }).seconds),
          },
    targets: { p95RatioLargeToSmall: TARGET_P95_RATIO, measuredAtSeedScale: true },
    pass: {
      ...Object.fromEntries(Object.entries(p95Ratios).map(([k, r]) => [k, r <= TARGET_P95_RATIO])),
      measuredAtSeedScale: LARGE >= 1,
    },
  };
}
