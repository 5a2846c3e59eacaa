/**
 * The resident's first screen in Chromium, through the built portal served by the real server:
 *  - home and the activity list each render from at most one API request;
 *  - the activity list shows skeleton cards while its request is in flight, then the cards;
 *  - scripts arrive brotli-compressed and marked immutable, and a second visit takes them from the
 *    browser's cache (only index.html is asked again, and answered 304).
 * Timings are the bench's business (`npm run bench -- first-screen`), not this test's.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { useJourney } from './support/journey';

const journey = useJourney();

interface Seen {
  requestId: string;
  url: string;
  status: number;
  fromCache: boolean;
  headers: Record<string, string>;
}

/** Every response the page receives, with whether the browser's cache answered it. */
async function watch(
  context: BrowserContext,
  page: Page,
): Promise<{ seen: Seen[]; wireStatus: Map<string, number>; cdp: CDPSession }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seen: Seen[] = [];
  // The status on the wire: a revalidated page is a 304 there, though the page itself sees a 200.
  const wireStatus = new Map<string, number>();
  cdp.on('Network.responseReceivedExtraInfo', (e: { requestId: string; statusCode: number }) =>
    wireStatus.set(e.requestId, e.statusCode),
  );
  const cached = new Set<string>();
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => cached.add(e.requestId));
  cdp.on(
    'Network.responseReceived',
    (e: {
      requestId: string;
      response: { url: string; status: number; fromDiskCache?: boolean; headers: Record<string, string> };
    }) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      seen.push({
        requestId: e.requestId,
        url: e.response.url,
        status: e.response.status,
        fromCache: cached.has(e.requestId) || !!e.response.fromDiskCache,
        headers,
      });
    },
  );
  return { seen, wireStatus, cdp };
}

/** The files the inline preload script has asked for (the opened page's own). */
const preloadedFiles = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('link[rel=preload]')].map((l) => new URL((l as HTMLLinkElement).href).pathname));

const apiCalls = (seen: Seen[]) => seen.filter((s) => new URL(s.url).pathname.startsWith('/api/'));

test('home renders its first screen from at most one API request, with compressed, immutable scripts', async () => {
  const context = await journey.phone();
  const page = await context.newPage();
  const { seen } = await watch(context, page);
  await page.goto(`${journey.url}/`);
  await page.locator('#home-greeting').waitFor();
  await page.waitForLoadState('networkidle');
  expect(apiCalls(seen).length).toBeLessThanOrEqual(1);
  const scripts = seen.filter((s) => /\/js\/.+\.js$/.test(new URL(s.url).pathname));
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) {
    // Files under 1 KB are not worth compressing (config/precompress.ts) and go out as they are.
    if (s.headers['content-encoding'] !== 'br') expect(Number(s.headers['content-length'])).toBeLessThan(1024);
    expect(s.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  expect(scripts.filter((s) => s.headers['content-encoding'] === 'br').length).toBeGreaterThan(1);

  // Second visit: scripts from the cache, index.html revalidated.
  const again = await context.newPage();
  const second = await watch(context, again);
  await again.goto(`${journey.url}/`);
  await again.locator('#home-greeting').waitFor();
  await again.waitForLoadState('networkidle');
  const secondScripts = second.seen.filter((s) => /\/js\/.+\.js$/.test(new URL(s.url).pathname));
  expect(secondScripts.length).toBeGreaterThan(0);
  expect(secondScripts.every((s) => s.fromCache)).toBe(true);
  const doc = second.seen.find((s) => new URL(s.url).pathname === '/');
  expect(doc && second.wireStatus.get(doc.requestId)).toBe(304);
  await context.close();
});

test('the activity list shows skeletons while its one request is in flight, then the activities', async () => {
  const context = await journey.phone();
  const page = await context.newPage();
  const { seen } = await watch(context, page);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/api/activities',
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.goto(`${journey.url}/#/pages/activity/index`);
  await page.locator('#activity-skeleton').waitFor();
  expect(await page.locator('.activity-card').count()).toBe(0);
  release();
  await page.locator('.activity-card').first().waitFor();
  await page.locator('#activity-skeleton').waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  expect(apiCalls(seen).length).toBe(1);
  await context.close();
});

test('a page opened by its link asks for its own files before the app has run, and fetches each file once', async () => {
  const context = await journey.phone();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Hold the app's own script until a file of the activity list's chunk group has been asked for:
  // only the inline preload can ask for it then (the router that would load it has not run).
  let sawPageFile: () => void = () => undefined;
  const pageFileAsked = new Promise<void>((resolve) => (sawPageFile = resolve));
  let preloads: string[] = [];
  await page.route(/\/js\/app\.[0-9a-f]+\.js$/, async (route) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pageFileAsked, new Promise((resolve) => (timer = setTimeout(resolve, 15000)))]);
    clearTimeout(timer);
    preloads = await preloadedFiles(page);
    await route.continue();
  });
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (/^\/(js|css)\//.test(p) && !/\/(app|framework)\.[0-9a-f]+\.(js|css)$/.test(p)) sawPageFile();
  });
  await page.goto(`${journey.url}/#/pages/activity/index`);
  await page.locator('.activity-card, #activity-empty').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(preloads.length).toBeGreaterThan(0);
  // The preloaded files are the ones the page then ran: each asked for once, none twice.
  for (const file of preloads) expect(requested.filter((p) => p === file)).toHaveLength(1);
  const assets = requested.filter((p) => /^\/(js|css)\//.test(p));
  expect(new Set(assets).size).toBe(assets.length);
  // The inline script ran under the server's policy (a refused one logs an error here).
  expect(errors).toEqual([]);
  await context.close();
});

test('a page opened by its link asks for its data while its own script is still on the way, and only once', async () => {
  const context = await journey.phone();
  const page = await context.newPage();
  const { seen } = await watch(context, page);
  let sawListRead: () => void = () => undefined;
  const listRead = new Promise<boolean>((resolve) => (sawListRead = () => resolve(true)));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/activities') sawListRead();
  });
  // The page's own files (the ones the inline preload names) are held until the list's read has
  // gone out: only a read started by the app itself, before the page exists, can go out then.
  const heldFiles: { file: string; readFirst: boolean }[] = [];
  await page.route(/\/js\/.+\.js$/, async (route) => {
    const file = new URL(route.request().url()).pathname;
    const pageFiles = await preloadedFiles(page);
    if (pageFiles.includes(file)) {
      let timer: NodeJS.Timeout | undefined;
      const readFirst = await Promise.race([
        listRead,
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 15000))),
      ]);
      clearTimeout(timer);
      heldFiles.push({ file, readFirst });
    }
    await route.continue();
  });
  await page.goto(`${journey.url}/#/pages/activity/index`);
  await page.locator('.activity-card').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(heldFiles.length).toBeGreaterThan(0);
  expect(heldFiles.filter((h) => !h.readFirst)).toEqual([]);
  // The page took the early answer: one read in all, not a second one of its own.
  expect(apiCalls(seen).filter((s) => new URL(s.url).pathname === '/api/activities')).toHaveLength(1);
  await context.close();
});
