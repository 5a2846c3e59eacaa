/** Shared steps of the legal-clinic journeys (clinic.e2e.ts, clinic-more.e2e.ts). */
import type { Page } from 'playwright-core';
import type { RunningLinli } from './server';

export const CLINIC = '幸福里社区法律诊所';
export const LAWYER = '李律师（演示）';

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
