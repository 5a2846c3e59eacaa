/**
 * Helpers for the 随手拍 journeys (reports*.e2e.ts): phones standing at a GCJ-02 point (the browser
 * reports its WGS-84 twin, as a real one would), staff sign-in on the portal, waiting for the demo
 * month of reports to be seeded.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import gcoord from 'gcoord';
import { agreeToPrivacyPolicy, phoneContext } from './browser';
import type { RunningLinli } from './server';
import { fill, type VolunteeringKit } from './volunteering';

export const DEMO_STAFF_PASSWORD = 'linli-demo-2026';

export type TPoint = { lng: number; lat: number };

/** What the browser's geolocation reports at a GCJ-02 point. */
export function wgsOf(p: TPoint): { longitude: number; latitude: number; accuracy: number } {
  const [longitude, latitude] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84);
  return { longitude, latitude, accuracy: 10 };
}

/**
 * The server answers health checks while it still seeds the demo month of reports; journeys that
 * read the queues or the stats wait for the start banner, printed after the seed.
 */
export async function demoSeeded(linli: RunningLinli): Promise<void> {
  const deadline = Date.now() + 150000;
  while (!linli.output().includes('is running')) {
    if (Date.now() > deadline) throw new Error('the demo data was not seeded in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * 随手拍设置 → one settings page, from the portal (signed in as a district admin). Taro keeps
 * earlier pages in the DOM, hidden, with the same ids: only visible elements are tapped.
 */
export async function openReportSettings(page: Page, baseUrl: string, key: string, ready: string): Promise<void> {
  await page.goto(`${baseUrl}/#/packages/staff/portal/index`);
  await page.locator('#portal-report-settings').filter({ visible: true }).tap();
  await page.locator(`#report-admin-${key}`).filter({ visible: true }).tap();
  await page.locator(ready).filter({ visible: true }).first().waitFor();
}

export interface ReportsKit {
  /** A fresh phone standing at the point, location permission granted. */
  phoneAt(p: TPoint): Promise<BrowserContext>;
  /** A signed-in resident standing at the point. */
  residentAt(openid: string, p: TPoint): Promise<BrowserContext>;
  /** Staff login on the portal (username + password), through the consent if asked. */
  staff(username: string, password: string, p: TPoint): Promise<Page>;
}

export function reportsKit(linli: RunningLinli, browser: Browser, kit: VolunteeringKit): ReportsKit {
  async function phoneAt(p: TPoint): Promise<BrowserContext> {
    const ctx = await phoneContext(browser, { geolocation: wgsOf(p) });
    await ctx.grantPermissions(['geolocation'], { origin: linli.url });
    return ctx;
  }
  async function residentAt(openid: string, p: TPoint): Promise<BrowserContext> {
    const ctx = await kit.resident(openid);
    await ctx.setGeolocation(wgsOf(p));
    return ctx;
  }
  async function staff(username: string, password: string, p: TPoint): Promise<Page> {
    const page = await kit.at(await phoneAt(p), '/packages/staff/login/index');
    await fill(page, '#staff-username', username);
    await fill(page, '#staff-password', password);
    await page.locator('#staff-login-submit').tap();
    await page.locator('#portal-entries, #consent-agree').first().waitFor();
    if (await page.locator('#consent-agree').isVisible()) await agreeToPrivacyPolicy(page);
    await page.locator('#portal-entries').waitFor();
    return page;
  }
  return { phoneAt, residentAt, staff };
}
