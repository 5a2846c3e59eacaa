/**
 * Why Agenda: reminders, SLA timers and expiries must survive restarts and run
 * exactly once even when several API processes run side by side. Agenda stores
 * jobs in MongoDB (the database we already operate, so no Redis to run), locks
 * each job with an atomic findOneAndUpdate before running it (only one process
 * gets it; a crashed process's lock expires after `lockLifetime`), de-duplicates
 * recurring jobs by name, and is a maintained, widely used library. Our job
 * handlers are additionally written to be idempotent (e.g. the outbox sender
 * claims each message with its own atomic lease), so a rare double run is safe.
 */
import type { Agenda as AgendaType, Job } from 'agenda';
import type { AppDeps } from '../deps';
import { loadAgenda } from './load-agenda';
import { linliJobs, type JobSpec } from './registry';

export type JobHandler<T = unknown> = (data: T) => Promise<void>;

export interface JobOptions {
  /** Max parallel runs of this job in one process. */
  concurrency?: number;
  /** A lock older than this is considered abandoned (crashed process) and the job runs again. */
  lockLifetimeMs?: number;
}

export interface Scheduler {
  /** Starts polling for due jobs (and registers every recurring job). */
  start(): Promise<void>;
  /** Stops polling and releases this process's locks. */
  stop(): Promise<void>;
  define<T = unknown>(name: string, handler: JobHandler<T>, opts?: JobOptions): void;
  /** Recurring job, unique by name across all processes (`'30 seconds'`, `'1 hour'` or a cron string). */
  every(interval: string | number, name: string, data?: Record<string, unknown>): Promise<void>;
  /** One-off job at `when` (a Date or a phrase like `'in 10 minutes'`). */
  schedule(when: Date | string, name: string, data?: Record<string, unknown>): Promise<void>;
  now(name: string, data?: Record<string, unknown>): Promise<void>;
  /** Removes pending jobs of `name` whose data matches (e.g. cancel a reminder). */
  cancel(name: string, data?: Record<string, unknown>): Promise<number>;
}

export interface SchedulerOptions {
  /** Jobs to define (default: every job in registry.ts). */
  jobs?: JobSpec[];
  /** How often this process looks for due jobs (default 5 seconds). */
  processEvery?: string | number;
  collection?: string;
  /**
   * Default lock lifetime of every job (10 minutes). Agenda checks a running job every half
   * lifetime with a timer it never clears, so each run leaves one behind for that long; short-lived
   * processes (tests) pass a short lifetime so they can exit as soon as they are done.
   */
  lockLifetimeMs?: number;
}

/**
 * Agenda parses intervals with human-interval, which reads '200 milliseconds'
 * as 200 000 ms; milliseconds are passed as numbers instead.
 */
export function toInterval(interval: string | number): string | number {
  if (typeof interval === 'number') return interval;
  const ms = /^\s*(\d+)\s*(ms|msec|millisecond|milliseconds)\s*$/i.exec(interval);
  return ms ? Number(ms[1]) : interval;
}

const DEFAULT_LOCK_LIFETIME_MS = 10 * 60 * 1000;

export function createScheduler(deps: AppDeps, opts: SchedulerOptions = {}): Scheduler {
  const { Agenda, MongoBackend } = loadAgenda();
  const db = deps.db.connection.db;
  if (!db) throw new Error('createScheduler: the database is not connected');
  const logger = deps.logger.child({ component: 'scheduler' });
  const backend = new MongoBackend({
    mongo: db as unknown as ConstructorParameters<typeof MongoBackend>[0] extends { mongo: infer D } ? D : never,
    collection: opts.collection ?? 'agenda_jobs',
  });
  const agenda: AgendaType = new Agenda({
    backend,
    name: `linli-${process.pid}`,
    processEvery: toInterval(opts.processEvery ?? '5 seconds'),
    defaultLockLifetime: opts.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS,
  });
  agenda.on('error', (err: unknown) => logger.error({ err }, 'scheduler error'));
  agenda.on('fail', (err: unknown, job: Job) => logger.error({ err, job: job.attrs.name }, 'job failed'));

  let started = false;
  const jobs = opts.jobs ?? linliJobs(deps);

  const scheduler: Scheduler = {
    async start() {
      if (started) return;
      await agenda.start();
      for (const job of jobs) if (job.every) await agenda.every(toInterval(job.every), job.name, {});
      started = true;
      logger.info('scheduler started');
    },
    async stop() {
      if (!started) return;
      started = false;
      // The connection belongs to the app: main closes it after us.
      await agenda.stop(false);
    },
    define(name, handler, jobOpts = {}) {
      agenda.define(
        name,
        async (job: Job<unknown>) => {
          await handler(job.attrs.data as never);
        },
        { concurrency: jobOpts.concurrency ?? 1, lockLifetime: jobOpts.lockLifetimeMs ?? opts.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS },
      );
    },
    async every(interval, name, data) {
      await agenda.every(toInterval(interval), name, data ?? {}, { skipImmediate: false });
    },
    async schedule(when, name, data) {
      await agenda.schedule(when, name, data ?? {});
    },
    async now(name, data) {
      await agenda.now(name, data ?? {});
    },
    async cancel(name, data) {
      return agenda.cancel({ name, ...(data ? { data } : {}) });
    },
  };
  for (const job of jobs) scheduler.define(job.name, job.handler, { concurrency: job.concurrency });
  return scheduler;
}
