/**
 * The setup every browser journey shares: Linli started as `npm start` runs it, waited for until
 * its demo data is seeded (a page opened before would list no demo clinics, grids or projects),
 * one headless Chromium, the page kits and staff sign-in; all closed after the file.
 * Uncaught page errors and console.error lines fail a journey through no-console-errors.ts
 * (every phone from here is watched).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './browser';
import { reportsKit, type ReportsKit } from './reports';
import { demoSeeded, startLinli, type RunningLinli } from './server';
import { DEMO_PASSWORD, volunteeringKit, type VolunteeringKit } from './volunteering';

export interface JourneyOptions {
  /** Extra server environment, e.g. LOG_LEVEL: 'info' for the sandbox's URL in the log. */
  env?: Record<string, string>;
  /** DEV_CLOCK_CONTROL: the journey may move the server's clock forward (POST /api/dev/clock). */
  clock?: boolean;
}

export interface Journey {
  linli: RunningLinli;
  /** The server's base URL (the H5 portal is at `${url}/#/…`). */
  url: string;
  browser: Browser;
  kit: VolunteeringKit;
  reports: ReportsKit;
  /** A fresh phone-sized context (no position), watched for page errors. */
  phone(extra?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  /** Staff sign-in on the portal on a fresh phone; demo staff accounts share DEMO_PASSWORD. */
  loginAs(username: string, password?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Server start, seed and browser launch together, under load: the hook's own timeout. */
export const JOURNEY_START_MS = 300000;

export async function startJourney(options: JourneyOptions = {}): Promise<Journey> {
  const linli = await startLinli({ ...(options.clock ? { DEV_CLOCK_CONTROL: 'true' } : {}), ...options.env });
  let browser: Browser | undefined;
  try {
    await demoSeeded(linli);
    browser = await launchBrowser();
  } catch (err) {
    await linli.stop();
    throw err;
  }
  const kit = volunteeringKit(linli, browser);
  const opened = browser;
  return {
    linli,
    url: linli.url,
    browser,
    kit,
    reports: reportsKit(kit),
    phone: (extra = {}) => phoneContext(opened, extra),
    loginAs: (username, password = DEMO_PASSWORD) => kit.staff(username, password),
    close: async () => {
      await opened.close();
      await linli.stop();
    },
  };
}

/**
 * Starts the journey before the file's tests (in a beforeAll registered now, so it runs before
 * the file's own) and closes it after them. The answer is usable from that beforeAll on: reading
 * it at the top level of the file, before it started, throws.
 */
export function useJourney(options: JourneyOptions = {}): Journey {
  let started: Journey | undefined;
  beforeAll(async () => {
    started = await startJourney(options);
  }, JOURNEY_START_MS);
  afterAll(async () => {
    await started?.close();
  });
  const get = (): Journey => {
    if (!started) throw new Error('the journey has not started: use it inside beforeAll or a test');
    return started;
  };
  return {
    get linli() {
      return get().linli;
    },
    get url() {
      return get().url;
    },
    get browser() {
      return get().browser;
    },
    get kit() {
      return get().kit;
    },
    get reports() {
      return get().reports;
    },
    phone: (extra) => get().phone(extra),
    loginAs: (username, password) => get().loginAs(username, password),
    close: () => get().close(),
  };
}
