/**
 * HTTP load from a worker thread: the load generator gets its own event loop (and core), so a
 * server measured in this process is not also paying for the client's sockets, parsing and
 * timers, and its latencies are the server's. Used for the baseline and the app alike.
 */
import { Worker } from 'node:worker_threads';
import { percentile, type OpStats } from './lib';

export interface HttpLoadOptions {
  url: string;
  /** Several URLs asked in turn (request i asks urls[i % n]), e.g. the weeks of a paged list; `url` is then unused. */
  urls?: string[];
  headers?: Record<string, string>;
  ops: number;
  concurrency: number;
  warmup?: number;
}

// Plain JS, evaluated in the worker: no TypeScript loader needed there.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, urls, headers, ops, concurrency, warmup } = workerData;
const targets = urls && urls.length ? urls : [url];
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const now = () => Number(process.hrtime.bigint()) / 1e6;
function get(i) {
  return new Promise((resolve) => {
    const req = http.request(targets[i % targets.length], { method: 'GET', agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}
async function run(n) {
  const latencies = new Array(n);
  let next = 0;
  let errors = 0;
  const started = now();
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const t = now();
      const status = await get(i);
      latencies[i] = now() - t;
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { latencies, totalMs: now() - started, errors };
}
(async () => {
  if (warmup) await run(warmup);
  parentPort.postMessage(await run(ops));
  agent.destroy();
})();
`;

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/** GET `url` `ops` times with `concurrency` in flight from a worker; errors counts non-200 answers. */
export async function httpLoad(o: HttpLoadOptions): Promise<OpStats & { errors: number }> {
  const warmup = o.warmup ?? Math.min(200, o.ops);
  const cpuBefore = process.cpuUsage();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { url: o.url, urls: o.urls, headers: o.headers ?? {}, ops: o.ops, concurrency: o.concurrency, warmup },
  });
  const out = await new Promise<{ latencies: number[]; totalMs: number; errors: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
  await worker.terminate();
  // CPU of the whole process (server and load generator), per request sent (warm-up included).
  const cpu = process.cpuUsage(cpuBefore);
  const lat = out.latencies.sort((a, b) => a - b);
  return {
    ops: o.ops,
    concurrency: o.concurrency,
    totalMs: round(out.totalMs, 1),
    opsPerSec: Math.round((o.ops / out.totalMs) * 1000),
    p50Ms: round(percentile(lat, 50)),
    p95Ms: round(percentile(lat, 95)),
    p99Ms: round(percentile(lat, 99)),
    maxMs: round(lat[lat.length - 1] ?? NaN),
    cpuUsPerOp: Math.round((cpu.user + cpu.system) / (o.ops + warmup)),
    errors: out.errors,
  };
}
