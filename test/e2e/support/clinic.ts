/** Shared steps of the legal-clinic journeys (clinic.e2e.ts, clinic-more.e2e.ts). */
import type { Page } from 'playwright-core';
import { agreeToPrivacyPolicy } from './browser';
import { demoSeeded } from './reports';
import { startLinli, type RunningLinli } from './server';
import { fill, type VolunteeringKit } from './volunteering';

export const DEMO_PASSWORD = 'linli-demo-2026';
export const CLINIC = '幸福里社区法律诊所';
export const LAWYER = '李律师（演示）';

/**
 * Linli with the dev clock, once the demo data is in: health answers before the seed ends, and a
 * coordinator page opened before the demo providers exist lists none (it was the journey's 30 s
 * wait for 李律师 under load).
 */
export async function startClinicLinli(): Promise<RunningLinli> {
  const linli = await startLinli({ DEV_CLOCK_CONTROL: 'true' });
  await demoSeeded(linli);
  return linli;
}

/** Staff login on the portal, through the privacy consent when asked. */
export async function staff(kit: VolunteeringKit, username: string): Promise<Page> {
  const ctx = await kit.newPhone();
  const page = await kit.at(ctx, '/packages/staff/login/index');
  await fill(page, '#staff-username', username);
  await fill(page, '#staff-password', DEMO_PASSWORD);
  await page.locator('#staff-login-submit').tap();
  await page.locator('#portal-entries, #consent-agree').first().waitFor();
  if (await page.locator('#consent-agree').isVisible()) await agreeToPrivacyPolicy(page);
  await page.locator('#portal-entries').waitFor();
  return page;
}

/** The id suffix of the first element matching `selector` whose text has `text` (ids look like `<prefix><id>`). */
export async function idOf(page: Page, selector: string, text: string, prefix: string): Promise<string> {
  const el = page.locator(selector, { hasText: text }).first();
  await el.waitFor();
  const id = ((await el.getAttribute('id')) ?? '').slice(prefix.length);
  if (!/^[0-9a-f]{24}$/.test(id)) throw new Error(`no id on ${selector} with "${text}": ${id}`);
  return id;
}

/** Waits for the text, or fails with what the page's error notice says instead. */
export async function seeOr(page: Page, selector: string, text: string, errorSelector: string): Promise<void> {
  await page.locator(`${selector}:has-text("${text}"), ${errorSelector}`).first().waitFor({ timeout: 20000 });
  const error = page.locator(errorSelector);
  if (await error.isVisible()) throw new Error(`${errorSelector}: ${await error.textContent()}`);
}

async function advance(linli: RunningLinli, advanceMs: number): Promise<number> {
  const res = await fetch(`${linli.url}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: Math.round(advanceMs) }),
  });
  if (res.status !== 200) throw new Error(`dev clock: ${res.status} ${await res.text()}`);
  return Date.parse(((await res.json()) as { now: string }).now);
}

/**
 * Moves the server's clock (DEV_CLOCK_CONTROL; it only goes forward) so that its now is `at`
 * (ms); the browser's clock stays. A first 1 ms step reads where the server's clock is.
 */
export async function serverClockTo(linli: RunningLinli, at: number): Promise<void> {
  const now = await advance(linli, 1);
  if (at > now) await advance(linli, at - now);
}
