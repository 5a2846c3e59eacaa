/**
 * The API as a child process (`server/main.ts` on an embedded data dir, as `npm start` runs it),
 * for the crash tests: they SIGKILL it and start it again on the same data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  const srv = http.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface ChildApi {
  child: ChildProcess;
  url: string;
}

/**
 * Starts the API on `dataDir` (no demo data, no jobs, no sandbox unless `env` says otherwise).
 * `preload`: modules loaded before the server (`node --import`), e.g. a fault injector.
 */
export function startApi(dataDir: string, port: number, opts: { env?: Record<string, string>; preload?: string[] } = {}): Promise<ChildApi> {
  const imports = ['tsx', ...(opts.preload ?? [])].flatMap((m) => ['--import', m]);
  const child = spawn(process.execPath, [...imports, path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LINLI_DATA_DIR: dataDir,
      LINLI_DEMO_DATA: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'error',
      MONGODB_URI: '',
      ...opts.env,
    },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`API did not start: ${out} ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is running')) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code}: ${err}`));
    });
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** A JSON request without keep-alive (a killed server must not leave a pooled socket behind). */
export function call(agent: http.Agent, url: string, method: 'GET' | 'POST', auth: string, body?: unknown): Promise<{ status: number; json: any }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { authorization: auth, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** `npm run check:invariants` against a stopped server's data dir, outbox events counted at once. */
export const checkInvariantsOf = (dataDir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-invariants.ts'), '--data-dir', dataDir, '--outbox-grace-seconds', '0'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MONGODB_URI: '', LOG_LEVEL: 'silent' },
  });
