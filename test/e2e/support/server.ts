import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningLinli {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const ROOT = path.resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Linli exited early (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Linli did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts Linli exactly as `npm start` does (embedded DB persisted in a temp dir,
 * WeChat sandbox, demo data, H5 portal), on a free port.
 */
export async function startLinli(env: Record<string, string> = {}): Promise<RunningLinli> {
  const port = await freePort();
  const sandboxPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  let out = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts', '--dev'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      WECHAT_SANDBOX_PORT: String(sandboxPort),
      LINLI_DATA_DIR: dataDir,
      LINLI_ADMIN_USERNAME: 'admin',
      LINLI_ADMIN_PASSWORD: 'linli-admin-2026',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => out;
  try {
    await waitForHealth(url, child, output, 120000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The server answers health checks while it still seeds the demo data (the month of reports, the
 * clinics' providers …); `npm start` prints its start banner after the seed, so wait for that.
 */
export async function demoSeeded(linli: RunningLinli): Promise<void> {
  const deadline = Date.now() + 150000;
  while (!linli.output().includes('is running')) {
    if (Date.now() > deadline) throw new Error('the demo data was not seeded in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}
