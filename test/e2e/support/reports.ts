/**
 * Helpers for the 随手拍 journeys (reports*.e2e.ts): phones standing at a GCJ-02 point (the browser
 * reports its WGS-84 twin, as a real one would), staff sign-in on the portal, the settings pages.
 */
import type { BrowserContext, Page } from 'playwright-core';
import gcoord from 'gcoord';
import { signInStaff, type VolunteeringKit } from './volunteering';

export type TPoint = { lng: number; lat: number };

/** What the browser's geolocation reports at a GCJ-02 point. */
export function wgsOf(p: TPoint): { longitude: number; latitude: number; accuracy: number } {
  const [longitude, latitude] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84);
  return { longitude, latitude, accuracy: 10 };
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

export function reportsKit(kit: VolunteeringKit): ReportsKit {
  const phoneAt = (p: TPoint) => kit.phoneAt(wgsOf(p));
  async function residentAt(openid: string, p: TPoint): Promise<BrowserContext> {
    const ctx = await kit.resident(openid);
    await ctx.setGeolocation(wgsOf(p));
    return ctx;
  }
  async function staff(username: string, password: string, p: TPoint): Promise<Page> {
    const page = await kit.at(await phoneAt(p), '/packages/staff/login/index');
    await signInStaff(page, username, password);
    return page;
  }
  return { phoneAt, residentAt, staff };
}
