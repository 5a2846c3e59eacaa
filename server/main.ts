/**
 * `npm start`: config → (dev) WeChat sandbox → database → app → listen → H5 portal
 * → district admin → demo data → URL. Graceful shutdown on SIGTERM/SIGINT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig, type ServerConfig } from '../config/env';
import { createApp } from './app';
import { ensureIndexes, openDatabase, type Database } from './db';
import type { AppDeps } from './deps';
import { createScheduler } from './jobs/scheduler';
import { createLogger, prettyLogsFor, type Logger } from './logger';
import { startPlatform } from './platform/runtime';
import { ensureDistrictAdmin } from './modules/admin';
import { checkMerchantKeys } from './modules/donations';
import { createWechatClient } from './wechat';
import { generatePayKeys, loadPayKeys, savePayKeys, startWechatSandbox, type Sandbox } from './wechat-sandbox';
import { devNow } from './modules/dev-clock';

const ROOT = path.resolve(__dirname, '..');
const H5_DIR = path.join(ROOT, 'dist', 'h5');
const SHUTDOWN_GRACE_MS = 10_000;

interface DemoAccount {
  role: string;
  username?: string;
  password?: string;
  openid?: string;
}
type SeedFn = (deps: AppDeps) => Promise<{ accounts: DemoAccount[] }>;

const out = (line = '') => process.stdout.write(`${line}\n`);

function readConfig(): ServerConfig {
  const envFile = path.join(ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  if (process.argv.includes('--dev') && !process.env.NODE_ENV) process.env.NODE_ENV = 'development';
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\nLinli cannot start: ${error.message}\nSee .env.example and README.md (Configuration).\n\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Builds the H5 portal in the background when dist/h5 is missing, so the API is
 * up (and healthy) at once; the portal appears as soon as the build finishes,
 * because the static middleware looks for files per request. Meanwhile pages answer
 * 503 "门户正在构建" (portal.building, read by the static middleware).
 */
function buildH5InBackground(logger: Logger, portal: { building: boolean }): void {
  if (existsSync(path.join(H5_DIR, 'index.html'))) return;
  portal.building = true;
  logger.info('dist/h5 is missing: building the H5 portal in the background (npm run build:h5), this takes a minute or two');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['run', 'build:h5'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  child.once('exit', (code) => {
    portal.building = false;
    if (code === 0 && existsSync(path.join(H5_DIR, 'index.html'))) logger.info('H5 portal built: open the URL above');
    else logger.error('H5 build failed: serving the API only (run `npm run build:h5` to see why)');
  });
  process.once('exit', () => child.kill());
}

function loadSeed(logger: Logger): SeedFn | undefined {
  try {
    // Resolved at run time so the server starts even in a checkout without demo data.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(__dirname, 'demo', 'seed')) as { seedDemoData: SeedFn }).seedDemoData;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'MODULE_NOT_FOUND';
    if (missing) logger.warn('demo data module not available (server/demo/seed.ts): starting without demo data');
    else logger.error({ err: error }, 'demo data module failed to load');
    return undefined;
  }
}

/** Where the dev sandbox delivers media-check results: this server's push route, reached locally. */
function pushUrlFor(config: ServerConfig): string {
  const host = ['0.0.0.0', '::'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/api/wechat/push`;
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL, {}, { pretty: prettyLogsFor(config.NODE_ENV) });
  for (const w of config.warnings) logger.warn(w);

  let sandbox: Sandbox | undefined;
  if (config.WECHAT_SANDBOX) {
    // donations (issue 13): the demo charity's merchant points at LINLI_DATA_DIR/wechat-sandbox
    // and env:WECHAT_PAY_APIV3_KEY, so the sandbox keeps its pay keys there (the same ones across
    // restarts, as `npm run sandbox` does) and this process carries its APIv3 key.
    const payKeyDir = path.join(path.resolve(ROOT, config.LINLI_DATA_DIR), 'wechat-sandbox');
    savePayKeys(payKeyDir, loadPayKeys(payKeyDir) ?? generatePayKeys());
    const payKeys = loadPayKeys(payKeyDir)!;
    process.env.WECHAT_PAY_APIV3_KEY = payKeys.apiV3Key;
    sandbox = await startWechatSandbox({
      payKeys,
      host: '127.0.0.1',
      port: 0,
      appId: config.WECHAT_APP_ID,
      mediaCheckCallbackUrl: pushUrlFor(config),
      messageToken: config.WECHAT_MESSAGE_TOKEN,
    });
    config.WECHAT_API_BASE = sandbox.url;
    config.WECHAT_PAY_BASE = sandbox.url;
    config.WECHAT_APP_ID = sandbox.appId;
    config.WECHAT_APP_SECRET = sandbox.appSecret;
    logger.info({ url: sandbox.url }, 'WeChat sandbox started (dev only)');
  }

  let db: Database;
  if (!config.MONGODB_URI) mkdirSync(path.resolve(ROOT, config.LINLI_DATA_DIR), { recursive: true });
  try {
    db = await openDatabase({
      mongodbUri: config.MONGODB_URI,
      dbPath: config.MONGODB_URI ? undefined : path.resolve(ROOT, config.LINLI_DATA_DIR),
      dbName: config.MONGODB_URI ? undefined : 'linli',
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'cannot open the database');
    await sandbox?.stop();
    process.exit(1);
  }

  const deps: AppDeps = {
    config,
    logger,
    db: { kind: db.kind, connection: db.connection },
    wechat: createWechatClient({ apiBase: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET }),
    // DEV_CLOCK_CONTROL (dev only, refused in production): journeys move time forward.
    now: config.DEV_CLOCK_CONTROL ? devNow : () => new Date(),
  };
  if (config.JOBS_ENABLED) deps.scheduler = createScheduler(deps);

  const portal = { building: false };
  const app = createApp(deps, { staticDir: H5_DIR, portalBuilding: () => portal.building });
  await ensureIndexes();
  // Outbox dispatcher and invariant repair; with the embedded engine (its data dir is locked to
  // this process) what a crash left behind is repaired before the first request.
  let platform: { stop(): Promise<void> };
  try {
    platform = await startPlatform(deps, { exclusive: db.kind === 'embedded' });
  } catch (error) {
    logger.fatal({ err: error }, 'cannot start');
    await db.close();
    process.exit(1);
  }

  const server: Server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  if (deps.scheduler) await deps.scheduler.start();
  // A test run (the crash test starts this file as a child) never spawns a portal build.
  if (config.NODE_ENV !== 'test') buildH5InBackground(logger, portal);

  let admin: { username: string; password: string } | undefined;
  if (config.LINLI_ADMIN_USERNAME && config.LINLI_ADMIN_PASSWORD) {
    await ensureDistrictAdmin(config.LINLI_ADMIN_USERNAME, config.LINLI_ADMIN_PASSWORD, logger);
    admin = { username: config.LINLI_ADMIN_USERNAME, password: config.LINLI_ADMIN_PASSWORD };
  }
  let accounts: DemoAccount[] = [];
  if (config.LINLI_DEMO_DATA) {
    const seed = loadSeed(logger);
    if (seed) {
      try {
        accounts = (await seed(deps)).accounts;
      } catch (error) {
        logger.error({ err: error }, 'demo data failed');
      }
    }
  }
  // donations (issue 13): a merchant key that is not its certificate's is reported now, not at the first donation.
  await checkMerchantKeys(logger);

  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${(server.address() as { port: number }).port}`;
  out();
  out(`  Linli 邻里 is running: ${url}`);
  out(`  API docs: ${url}/api/docs   health: ${url}/api/health   database: ${db.kind}`);
  if (sandbox) out(`  WeChat sandbox: ${sandbox.url}/sandbox (dev only; resident dev login uses code sandbox:<openid>)`);
  if (admin && !config.isProduction) out(`  District admin: ${admin.username} / ${admin.password}`);
  for (const a of accounts) {
    const who = a.username ? `${a.username} / ${a.password ?? ''}` : `openid ${a.openid} (login code sandbox:${a.openid})`;
    out(`  Demo ${a.role}: ${who}`);
  }
  out();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await deps.scheduler?.stop().catch((err: unknown) => logger.error({ err }, 'scheduler stop failed'));
    await platform.stop().catch((err: unknown) => logger.error({ err }, 'platform stop failed'));
    await db.close().catch((err: unknown) => logger.error({ err }, 'database close failed'));
    await sandbox?.stop().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Linli failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
