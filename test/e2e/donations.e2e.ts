/**
 * Donations journey in Chromium (issue 13), through the H5 portal served by the real server
 * (`npm start` as-is: embedded DB, WeChat sandbox with its pay keys where the demo charity
 * expects them, demo charity and projects):
 *
 * 1. a resident donates 88.80 元 to a demo project on H5: a Native order shown as a QR code;
 *    the sandbox pays it and sends its signed, encrypted notification; the page, polling, shows paid;
 * 2. the project's progress and public ledger include the donation; the resident downloads the
 *    捐赠确认 PDF and verifies its serial on the public page (no donor data);
 * 3. the district admin refunds 20 元 of it (with a reason, confirmed), and the ledger shows the refund.
 *
 * Then the district admin's other pages: a project drafted with the form (charity and date
 * pickers), edited and sent to review; a disbursement with a proof photo that the public ledger
 * shows; a day reconciled; the merchant settings shown as fingerprints only.
 */
import type { Page } from 'playwright-core';
import { answerModal } from './support/modal';
import { screenshot } from './support/browser';
import { pickDate, pickOption } from './support/pickers';
import { canvasJpeg, chooseFile, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

const PROJECT = '山区小学营养午餐';
const DEMO_CHARITY = '海口市美兰区慈善会（演示）';
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

/** The sandbox's address, from the line `npm start` prints (it listens on a free port). */
function sandboxUrl(): string {
  const url = /WeChat sandbox: (https?:\/\/[\w.-]+:\d+)/.exec(journey.linli.output())?.[1];
  if (!url) throw new Error(`the server did not print the WeChat sandbox URL:\n${journey.linli.output()}`);
  return url;
}

/** Polls until `ok` holds (the page re-reads after each try), failing with what it waited for. */
async function until(ok: () => Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Raised (net of refunds) in fen and the donor count shown by the project page's progress block. */
async function progress(page: Page): Promise<{ raised: number; donors: number }> {
  const block = page.locator('#project-progress:visible');
  await block.waitFor();
  const raised = Number(await block.getAttribute('data-raised'));
  const donors = Number(/(\d+)/.exec((await page.locator('#project-progress-donors:visible').textContent()) ?? '')?.[1]);
  return { raised, donors };
}

test('a resident donates on H5 and the sandbox pays; ledger and progress update; the receipt downloads and verifies; a partial refund shows in the ledger', async () => {
  // 1. The resident opens the demo project from 公益捐赠 and notes its progress.
  const resident = await journey.kit.resident(`donor-${run}`);
  const page = await journey.kit.at(resident, '/packages/charity/projects/index');
  // The server answers before its demo data is in: reopen the list until the demo project is there.
  await until(async () => {
    await page.reload();
    return page
      .locator('.charity-project', { hasText: PROJECT })
      .first()
      .waitFor({ timeout: 4000 })
      .then(() => true, () => false);
  }, 'the demo project', 120000);
  await page.locator('.charity-project', { hasText: PROJECT }).tap();
  await see(page, '#project-title:visible', PROJECT);
  await see(page, '#project-notice', '公开募捐备案编号');
  await expect(page.locator('#project-uscc').textContent()).resolves.toMatch(/^[0-9A-Z]{18}$/);
  const projectId = (await page.locator('#project-detail:visible').getAttribute('data-id')) ?? '';
  const before = await progress(page);

  // Donates 88.80 元 (typed in yuan, sent as fen) with a message.
  await page.locator('#project-donate').tap();
  await see(page, '#donate-project', PROJECT);
  await fill(page, '#donate-custom', '88.8');
  await fill(page, '#donate-message', `愿孩子们吃得好${run}`);
  await see(page, '#donate-submit', '捐赠 88.80 元');
  await page.locator('#donate-submit').tap();
  await page.locator('#donate-qr').waitFor({ timeout: 20000 });
  expect(await page.locator('#donate-qr').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await see(page, '#donate-status', '待支付');
  const outTradeNo = (await page.locator('#donate-order').getAttribute('data-out-trade-no')) ?? '';
  expect(outTradeNo.length).toBeGreaterThan(6);

  // The payer scans and pays: the sandbox marks it paid and notifies the server.
  const paid = await fetch(`${sandboxUrl()}/sandbox/pay/${encodeURIComponent(outTradeNo)}/succeed`, { method: 'POST' });
  expect(paid.status).toBe(200);
  await see(page, '#donate-paid', '感谢您的爱心捐赠', 30000);
  await see(page, '#donate-status', '已支付');
  await screenshot(page, 'donations-paid');

  // 2. The project's progress and public ledger include the donation.
  await page.locator('#donate-back').tap();
  await see(page, '#project-title:visible', PROJECT);
  await until(async () => (await progress(page)).raised === before.raised + 8880, 'the progress to include the donation');
  expect((await progress(page)).donors).toBe(before.donors + 1);
  const entry = page.locator('.ledger-entry--donation:visible', { hasText: `愿孩子们吃得好${run}` });
  await see(page, '#ledger-list:visible', `愿孩子们吃得好${run}`);
  await expect(entry.textContent()).resolves.toContain('88.80 元');

  // The resident downloads the 捐赠确认 PDF and verifies its serial on the public page.
  await page.goto(`${journey.url}/#/packages/charity/mine/index`);
  const card = page.locator('.my-donation:visible', { hasText: PROJECT }).filter({ hasText: '88.80' }).first();
  await card.waitFor();
  const serial = /DN-\d{8}-[0-9A-Z]{10}/.exec((await card.textContent()) ?? '')?.[0] ?? '';
  expect(serial).not.toBe('');
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[id$="-receipt"]').tap()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

  const visitor = await journey.phone();
  const vp = await visitor.newPage();
  await vp.goto(`${journey.url}/#/packages/charity/verify/index?serial=${encodeURIComponent(serial)}`);
  await see(vp, '#receipt-valid', '真实有效');
  await see(vp, '#receipt-project', PROJECT);
  await see(vp, '#receipt-amount', '88.80 元');
  await expect(vp.locator('#receipt-result').textContent()).resolves.not.toContain(`donor-${run}`);

  // 3. The district admin refunds 20 元 of it, with a reason, after confirming.
  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-charity-donations').tap();
  const row = dp.locator(`.admin-donation[data-out-trade-no="${outTradeNo}"]`);
  await row.waitFor();
  await row.locator('[id$="-refund"]').tap();
  await fill(dp, '#refund-amount', '20');
  await fill(dp, '#refund-reason', `捐赠人申请部分退款${run}`);
  await dp.locator('#refund-submit').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#admin-donations-message', '已申请退款 20.00 元');
  await screenshot(dp, 'donations-refunded');

  // The sandbox settles the refund and notifies; the public ledger shows it and the progress drops.
  await until(async () => {
    await page.goto(`${journey.url}/#/packages/charity/project/index?id=${projectId}`);
    await page.locator('#ledger-list:visible').waitFor();
    return (await page.locator('.ledger-entry--refund:visible', { hasText: `捐赠人申请部分退款${run}` }).count()) === 1;
  }, 'the ledger to show the refund');
  await expect(page.locator('.ledger-entry--refund:visible', { hasText: `捐赠人申请部分退款${run}` }).textContent()).resolves.toContain('20.00 元');
  expect((await progress(page)).raised).toBe(before.raised + 8880 - 2000);
  await screenshot(page, 'donations-ledger-refund');
}, 420000);

/** A Shanghai calendar date `days` from today (YYYY-MM-DD). */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('the district admin drafts, edits and sends a project to review, records a disbursement with a proof photo, reconciles a day and sees merchant keys only as fingerprints', async () => {
  const dp = await journey.kit.districtAdmin();
  // A draft through the form: charity and dates picked, goal in yuan.
  await dp.locator('#portal-charity-projects').tap();
  await dp.locator('#project-form').waitFor();
  await pickOption(dp, 'project-charity', DEMO_CHARITY);
  await fill(dp, '#project-title', `社区图书角${run}`);
  await fill(dp, '#project-story', '为社区活动中心添置儿童图书与书架，每周开放三次。');
  await fill(dp, '#project-goal', '3000');
  await pickDate(dp, 'project-start', shanghaiDay(0));
  await pickDate(dp, 'project-end', shanghaiDay(10));
  await dp.locator('#project-submit').tap();
  const draft = dp.locator('#admin-projects > .card', { hasText: `社区图书角${run}` });
  await see(dp, '#admin-projects', `社区图书角${run}`);
  await expect(draft.textContent()).resolves.toContain('草稿');

  // Edited: the form fills with the draft, the new title replaces the old.
  await draft.locator('[id$="-edit"]').tap();
  await see(dp, '#project-form', '修改项目');
  await expect(dp.locator('#project-goal input').inputValue()).resolves.toBe('3000.00');
  await fill(dp, '#project-title', `社区图书角（修订）${run}`);
  await dp.locator('#project-submit').tap();
  const edited = dp.locator('#admin-projects > .card', { hasText: `社区图书角（修订）${run}` });
  await edited.waitFor();
  await see(dp, '#project-form', '新建项目');

  // Sent to review after confirming.
  await edited.locator('[id$="-publish"]').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#projects-admin-message', '已提交内容审核');
  await see(dp, '#admin-projects', '审核中');
  await screenshot(dp, 'donations-admin-projects');

  // A disbursement from the demo project, with a proof photo from the file chooser.
  const demo = dp.locator('#admin-projects > .card', { hasText: PROJECT });
  await demo.locator('[id$="-disburse"]').tap();
  await dp.locator('#disburse-form').waitFor();
  await see(dp, '#disburse-balance', '当前余额');
  await fill(dp, '#disburse-amount', '50');
  await fill(dp, '#disburse-purpose', `第二批食材采购${run}`);
  await chooseFile(dp, '#disburse-proofs-choose', { name: 'invoice.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(dp) });
  await dp.locator('#disburse-proofs .images-field__item').first().waitFor({ timeout: 20000 });
  await dp.locator('#disburse-submit').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#disburse-message', '已登记拨付 50.00 元');
  await screenshot(dp, 'donations-admin-disbursed');
  const projectId = await dp.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('id'));
  const visitor = await (await journey.phone()).newPage();
  await visitor.goto(`${journey.url}/#/packages/charity/project/index?id=${projectId}`);
  await see(visitor, '#ledger-list:visible', `第二批食材采购${run}`);
  await expect(visitor.locator('.ledger-entry--disbursement:visible', { hasText: `第二批食材采购${run}` }).textContent()).resolves.toContain('50.00 元');

  // Reconciliation of yesterday's bill for the demo merchant.
  await dp.goto(`${journey.url}/#/packages/charity-admin/reconcile/index`);
  await dp.locator('#reconcile-form').waitFor();
  await pickOption(dp, 'reconcile-charity', DEMO_CHARITY);
  await dp.locator('#reconcile-submit').tap();
  await see(dp, '#reconcile-report', '对账结果');
  await expect(dp.locator('#reconcile-report').textContent()).resolves.toMatch(/微信账单 \d+ 笔/);
  await screenshot(dp, 'donations-admin-reconcile');

  // Merchant settings: paths and fingerprints, never key material; the anomalies list is there.
  await dp.goto(`${journey.url}/#/packages/charity-admin/charities/index`);
  const charity = dp.locator('#admin-charities > .card', { hasText: DEMO_CHARITY });
  await charity.locator('[id$="-merchant"]').tap();
  await see(dp, '#merchant-fingerprints', '商户私钥指纹');
  await expect(dp.locator('#merchant-fingerprints').textContent()).resolves.toMatch(/商户私钥指纹：([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(dp.locator('body').textContent()).resolves.not.toContain('PRIVATE KEY');
  await see(dp, '#payment-anomalies', '支付异常');
  await screenshot(dp, 'donations-admin-merchant');
}, 300000);
