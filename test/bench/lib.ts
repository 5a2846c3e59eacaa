/**
 * Shared helpers for benchmarks: timing with fixed op counts, percentiles, a concurrency runner,
 * and a bare Koa server so domain benches can report their cost as a ratio to the bare stack
 * measured in the same run (absolute numbers vary with the machine and its load).
 */
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import Koa from 'koa';
import { koaBody } from 'koa-body';

export interface OpStats {
  ops: number;
  concurrency: number;
  totalMs: number;
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Process CPU time (user + system) per op, in microseconds: less sensitive than ops/s to other
   * work on the machine, since the app, the embedded engine and the client share this process.
   */
  cpuUsPerOp: number;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The p-th percentile (0..100) of ascending-sorted values, nearest-rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/**
 * Run `fn` exactly `ops` times with `concurrency` calls in flight (1 = one at a time) and
 * measure throughput and per-call latency. `fn` gets the op index.
 */
export async function runOps(ops: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<OpStats> {
  const latencies = new Array<number>(ops);
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  const lane = async (): Promise<void> => {
    for (let i = next++; i < ops; i = next++) {
      const t = nowMs();
      await fn(i);
      latencies[i] = nowMs() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ops) }, lane));
  const totalMs = nowMs() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    ops,
    concurrency,
    totalMs: round(totalMs, 1),
    opsPerSec: Math.round((ops / totalMs) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? NaN),
    cpuUsPerOp: Math.round((cpu.user + cpu.system) / ops),
  };
}

/** Warm up (JIT, connection pools), then measure. */
export async function measure(ops: number, concurrency: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(200, ops)): Promise<OpStats> {
  await runOps(warmup, concurrency, (i) => fn(ops + i));
  return runOps(ops, concurrency, fn);
}

/** Machine facts recorded with every result. */
export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGB: round(os.totalmem() / 2 ** 30, 1),
    loadavg: os.loadavg().map((l) => round(l, 2)),
  };
}

/**
 * The baseline: Koa with the same body parser as the app and two routes, nothing else.
 *   GET  /ping  -> {"ok":true}
 *   POST /echo  -> the parsed JSON body back
 */
export async function startBareKoa(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use(koaBody({ jsonLimit: '1mb' }));
  app.use(async function bareRoutes(ctx) {
    if (ctx.method === 'GET' && ctx.path === '/ping') ctx.body = { ok: true };
    else if (ctx.method === 'POST' && ctx.path === '/echo') ctx.body = ctx.request.body;
    else ctx.status = 404;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** `numerator / denominator` rounded for reports (e.g. app ops/s over bare Koa ops/s). */
export const ratio = (numerator: number, denominator: number): number => round(numerator / denominator, 3);
