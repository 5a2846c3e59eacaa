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

/** A phone-sized touch context: Taro H5 form buttons submit on touch, so journeys use tap(). */
export async function phoneContext(browser: Browser, extra: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...extra,
  });
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
