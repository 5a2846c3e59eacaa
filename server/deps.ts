import type mongoose from 'mongoose';
import type pino from 'pino';
import type { ServerConfig } from '../config/env';
import type { Scheduler } from './jobs/scheduler';
import type { WechatClient } from './wechat';

/** Everything a route module may use. Built once by main (or the test context). */
export interface AppDeps {
  config: ServerConfig;
  logger: pino.Logger;
  db: { kind: 'embedded' | 'mongodb'; connection: mongoose.Connection };
  wechat: WechatClient;
  now: () => Date;
  /** Present when JOBS_ENABLED; modules define their jobs on it in routes(deps). */
  scheduler?: Scheduler;
}
