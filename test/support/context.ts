/**
 * One isolated Linli per test file: the real Koa app on 127.0.0.1:0, the embedded
 * engine in memory (or real MongoDB when MONGODB_URI is set, with a unique
 * database), and a WeChat sandbox on its own port that signs message pushes with the
 * app's WECHAT_MESSAGE_TOKEN (and delivers media-check results with `wechatPush`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { DEV_WECHAT_MESSAGE_TOKEN, loadConfig, type ServerConfig } from '../../config/env';
import { createApp, type LinliApp } from '../../server/app';
import { ensureIndexes, openDatabase, type Database } from '../../server/db';
import type { AppDeps } from '../../server/deps';
import { createScheduler } from '../../server/jobs/scheduler';
import { createLogger } from '../../server/logger';
import { createWechatClient } from '../../server/wechat';
import { startWechatSandbox, type Sandbox, type SandboxOptions } from '../../server/wechat-sandbox';

export interface TestContextOptions {
  /** Run the scheduler (default false: tests call job handlers or scheduler methods themselves). */
  jobs?: boolean;
  /** Extra environment for loadConfig (e.g. LOGIN_RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  /** Controlled clock for deps.now(). */
  now?: () => Date;
  sandbox?: SandboxOptions;
  /**
   * Have the sandbox push media-check verdicts to this app's /api/wechat/push, as in dev
   * (default false: the verdict lands within milliseconds, so tests that look at a photo's
   * `checking` state apply verdicts themselves).
   */
  wechatPush?: boolean;
  /** Serve a built H5 portal from this folder at `/` (as npm start does with dist/h5). */
  staticDir?: string;
  /** Whether the H5 portal's first build is running (npm start sets it while it builds). */
  portalBuilding?: () => boolean;
  /** Check answers against their response schemas (default true; benches measure without, as production runs). */
  checkResponses?: boolean;
}

export interface TestContext {
  app: LinliApp;
  /** supertest agent bound to the listening server. */
  http: supertest.Agent;
  /** Base URL of the listening server (for fetch or a browser). */
  url: string;
  server: Server;
  deps: AppDeps;
  db: Database;
  sandbox: Sandbox;
  config: ServerConfig;
  close(): Promise<void>;
}

export async function createTestContext(opts: TestContextOptions = {}): Promise<TestContext> {
  // Listen first so the sandbox can push media-check results to this app; requests are
  // answered once the app exists (nothing calls before createTestContext returns).
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const messageToken = opts.env?.WECHAT_MESSAGE_TOKEN ?? DEV_WECHAT_MESSAGE_TOKEN;
  const sandbox = await startWechatSandbox({
    host: '127.0.0.1',
    port: 0,
    mediaCheckCallbackUrl: opts.wechatPush ? `${url}/api/wechat/push` : undefined,
    messageToken,
    ...opts.sandbox,
  }).catch(async (error: unknown) => {
    await closeServer();
    throw error;
  });
  const mongodbUri = process.env.MONGODB_URI || undefined;
  let db: Database | undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      MONGODB_URI: mongodbUri,
      WECHAT_SANDBOX: 'true',
      WECHAT_API_BASE: sandbox.url,
      WECHAT_PAY_BASE: sandbox.url,
      WECHAT_APP_ID: sandbox.appId,
      WECHAT_APP_SECRET: sandbox.appSecret,
      WECHAT_MESSAGE_TOKEN: messageToken,
      JOBS_ENABLED: opts.jobs ? 'true' : 'false',
      ...opts.env,
    });
    const logger = createLogger(config.LOG_LEVEL);
    const dbName = `linli_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    db = await openDatabase({ mongodbUri, dbName, logger });
    const deps: AppDeps = {
      config,
      logger,
      db: { kind: db.kind, connection: db.connection },
      wechat: createWechatClient({ apiBase: sandbox.url, appId: sandbox.appId, appSecret: sandbox.appSecret }),
      now: opts.now ?? (() => new Date()),
    };
    // A short lock lifetime: Agenda leaves a half-lifetime timer per job run, which would hold jest open.
    if (opts.jobs) deps.scheduler = createScheduler(deps, { processEvery: '200 milliseconds', lockLifetimeMs: 4_000 });
    const app = createApp(deps, { staticDir: opts.staticDir, portalBuilding: opts.portalBuilding, checkResponses: opts.checkResponses });
    await ensureIndexes();
    if (deps.scheduler) await deps.scheduler.start();

    handle = app.callback();
    const openDb = db;

    return {
      app,
      http: supertest.agent(server),
      url,
      server,
      deps,
      db: openDb,
      sandbox,
      config,
      async close() {
        await closeServer();
        await deps.scheduler?.stop();
        if (openDb.kind === 'mongodb') await openDb.connection.dropDatabase();
        await openDb.close();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await db?.close();
    await sandbox.stop();
    await closeServer();
    throw error;
  }
}
