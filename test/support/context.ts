/**
 * One isolated Linli per test file: the real Koa app on 127.0.0.1:0, the embedded
 * engine in memory (or real MongoDB when MONGODB_URI is set, with a unique
 * database), and a WeChat sandbox on its own port.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { loadConfig, type ServerConfig } from '../../config/env';
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
  /** Serve a built H5 portal from this folder at `/` (as npm start does with dist/h5). */
  staticDir?: string;
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
  const sandbox = await startWechatSandbox({ host: '127.0.0.1', port: 0, ...opts.sandbox });
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
    if (opts.jobs) deps.scheduler = createScheduler(deps, { processEvery: '200 milliseconds' });
    const app = createApp(deps, { staticDir: opts.staticDir });
    await ensureIndexes();
    if (deps.scheduler) await deps.scheduler.start();

    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await deps.scheduler?.stop();
        if (openDb.kind === 'mongodb') await openDb.connection.dropDatabase();
        await openDb.close();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await db?.close();
    await sandbox.stop();
    throw error;
  }
}
