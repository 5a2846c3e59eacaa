import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { idCardCheckChar } from '@shared/idcard';
import { agreeToPrivacyPolicy, screenshot } from './support/browser';
import { useJourney } from './support/journey';

/**
 * Foundation journeys on the H5 portal served by the real server:
 * staff login; resident dev login → consent → real-name verification →
 * 长辈模式 survives a reload → data export downloads JSON.
 */

const journey = useJourney();

async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} input, input${selector}, ${selector} textarea`).first();
  await input.fill(value);
}

describe('staff portal', () => {
  it('when the district admin logs in with username and password, the portal greets them', async () => {
    const context = await journey.phone();
    const page = await context.newPage();
    await page.goto(`${journey.url}/#/packages/staff/login/index`);
    await fill(page, '#staff-username', 'admin');
    await fill(page, '#staff-password', 'wrong-password');
    await page.locator('#staff-login-submit').tap();
    await page.getByText('用户名或密码错误').first().waitFor();

    await fill(page, '#staff-password', 'linli-admin-2026');
    await page.locator('#staff-login-submit').tap();
    // Staff agree to the privacy policy at their first login too.
    await agreeToPrivacyPolicy(page);
    // Agreeing lands staff on their portal; navigating there again would race that redirect.
    await page.waitForURL(/#\/packages\/staff\/portal\/index/);
    await page.locator('#portal-user').waitFor();
    expect(await page.locator('#portal-user').innerText()).toContain('区级管理员');
    await page.locator('#portal-entries').waitFor();
    await screenshot(page, 'foundation-staff-portal');
    await context.close();
  });
});

describe('resident', () => {
  it('when a resident signs in through the sandbox, agrees, verifies their real name, turns on 长辈模式 and exports data', async () => {
    const context = await journey.phone();
    const page = await context.newPage();
    await page.goto(`${journey.url}/#/pages/auth/login/index`);
    await fill(page, '#dev-openid', `e2e-resident-${Date.now()}`);
    await page.locator('#dev-login-submit').tap();

    // First login: the privacy policy comes first.
    await agreeToPrivacyPolicy(page);
    await page.waitForURL(/#\/pages\/me\/index/);
    await page.locator('#realname-form').waitFor();

    // A wrong check character is refused with the field message, before anything is stored.
    const body17 = '11010519900307123';
    const good = body17 + idCardCheckChar(body17);
    const bad = body17 + (idCardCheckChar(body17) === '0' ? '1' : '0');
    await fill(page, '#realname-name', '张三');
    await fill(page, '#realname-id', bad);
    await page.locator('#realname-submit').tap();
    await page.locator('.field-error', { hasText: '身份证号校验位不正确，请核对' }).first().waitFor();

    await fill(page, '#realname-id', good);
    await page.locator('#realname-submit').tap();
    // The confirmation step shows the name and the masked ID; 返回修改 keeps what was typed.
    await page.locator('#realname-confirm-warning', { hasText: '提交后不可自行修改' }).waitFor();
    expect(await page.locator('#realname-confirm-name').innerText()).toBe('张三');
    expect(await page.locator('#realname-confirm-id').innerText()).toBe(`1101**********${good.slice(-4)}`);
    await page.locator('#realname-back').tap();
    await page.locator('#realname-form').waitFor();
    await page.locator('#realname-submit').tap();
    await page.locator('#realname-confirm-submit').tap();
    const masked = page.locator('#realname-masked-id');
    await masked.waitFor();
    expect(await masked.innerText()).toContain(`1101**********${good.slice(-4)}`);
    expect(await page.content()).not.toContain(good);

    // 长辈模式 persists across a reload.
    await page.locator('#elder-mode-switch').tap();
    await page.locator('.page--elder').first().waitFor();
    await page.reload();
    await page.locator('#realname-masked-id').waitFor();
    await page.locator('.page--elder').first().waitFor();
    await screenshot(page, 'foundation-me-elder');

    // Data export downloads a JSON file with the resident's own (masked) data.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-data').tap()]);
    expect(download.suggestedFilename()).toMatch(/^linli-export-.*\.json$/);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    const data = JSON.parse(text);
    expect(data).toBeTruthy();
    expect(text).toContain(`1101**********${good.slice(-4)}`);
    expect(text).not.toContain(good);
    await context.close();
  });
});
