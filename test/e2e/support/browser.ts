import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Uncaught page errors and console.error lines seen by any context of this test file since
 * the last check. test/e2e/support/no-console-errors.ts fails the journey when any is left.
 * The browser's own "Failed to load resource … 4xx" line is not an app error: journeys
 * provoke refusals on purpose (a wrong password, three bad fields) and the page shows them.
 */
const pageErrors: string[] = [];
const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;

export function takePageErrors(): string[] {
  return pageErrors.splice(0, pageErrors.length);
}

export function watchForErrors(ctx: BrowserContext): BrowserContext {
  ctx.on('weberror', (e) => pageErrors.push(`pageerror: ${e.error().message}`));
  ctx.on('console', (m) => {
    if (m.type() !== 'error' || EXPECTED_REFUSAL.test(m.text())) return;
    pageErrors.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  return ctx;
}

/** A phone-sized touch context: Taro H5 form buttons submit on touch, so journeys use tap(). */
export async function phoneContext(browser: Browser, extra: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...extra,
  });
  return watchForErrors(ctx);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Agrees to the privacy policy on the consent page. The 同意 button stays
 * disabled until the policy text has loaded, and Playwright cannot see the
 * disabled state of Taro's web-component button, so wait for the text first.
 */
export async function agreeToPrivacyPolicy(page: Page): Promise<void> {
  await page.locator('#privacy-policy', { hasText: '个人信息保护法' }).waitFor();
  await page.locator('#consent-agree').tap();
  await page.locator('#consent-agree').waitFor({ state: 'detached' });
}
