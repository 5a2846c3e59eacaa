/**
 * Issue reports (随手拍) journey in Chromium, through the H5 portal served by the real server
 * (`npm start` as-is: embedded DB, WeChat sandbox, demo grids, departments and the demo handler):
 *
 * 1. a resident files a report with a photo and the current position inside a demo grid; it
 *    lands in the grid handler's task list;
 * 2. the handler signs for it, checks in on site, and resolves it with a photo;
 * 3. the resident answers 未解决: the report is dispatched again and resolved again;
 * 4. the resident confirms it fixed and rates it; the stats page counts one more report fixed
 *    and on time.
 * H5 has no map key here: the position comes from the browser's geolocation (WGS-84; the client
 * converts it to GCJ-02 at its edge), so the context is given the WGS-84 twin of a GCJ-02 point.
 */
import type { Page } from 'playwright-core';
import { answerModal } from './support/modal';
import { pickOption } from './support/pickers';
import { wgsOf } from './support/reports';
import { ADMIN, DEMO_PASSWORD, canvasJpeg, chooseFile, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

/**
 * Inside 幸福里第2网格 (server/modules/reports/demo.ts: centre 116.405, 39.900, ±0.015), GCJ-02,
 * off the lattice the demo reports sit on (so no "same problem within 50 m" hint interferes).
 */
const SPOT_GCJ = { lng: 116.4055, lat: 39.9055 };
const SPOT_WGS = wgsOf(SPOT_GCJ);
const run = Math.random().toString(36).slice(2, 8);

// The stats are compared before and after the journey: the journey starts once the seed is done.
const journey = useJourney();

const staff = (username: string, password: string): Promise<Page> => journey.reports.staff(username, password, SPOT_GCJ);

/** Waits until at least `n` images under the selector have loaded (decoded, not a broken link). */
async function imagesShown(page: Page, selector: string, n = 1): Promise<void> {
  await page.waitForFunction(
    ([sel, min]) => {
      const imgs = [...document.querySelectorAll<HTMLImageElement>(`${sel} img`)];
      return imgs.length >= min && imgs.every((i) => i.complete && i.naturalWidth > 0);
    },
    [selector, n] as const,
    { timeout: 20000 },
  );
}

/** "已解决 12（…）" / "按时办结 7 · …" → 12 / 7. */
async function count(page: Page, selector: string, label: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? '';
  const m = new RegExp(`${label}\\s*(\\d+)`).exec(text);
  if (!m) throw new Error(`no "${label}" count in "${text}"`);
  return Number(m[1]);
}

/** The stats page, from the portal's 工单统计 entry (a fresh load each time). */
async function openStats(page: Page): Promise<{ fixed: number; onTime: number }> {
  await page.goto(`${journey.url}/#/packages/staff/portal/index`);
  await page.locator('#portal-report-stats').tap();
  await page.locator('#stats-total').waitFor();
  return { fixed: await count(page, '#stats-fixed', '已解决'), onTime: await count(page, '#stats-ontime', '按时办结') };
}

/** The handler's task list, from the portal's 工单处理 entry. */
async function openTasks(page: Page, reportId: string): Promise<void> {
  await page.goto(`${journey.url}/#/packages/staff/portal/index`);
  await page.locator('#portal-handle').tap();
  await page.locator(`#task-${reportId}`).waitFor();
}

async function resolveWithPhoto(hp: Page, reportId: string, note: string): Promise<void> {
  await chooseFile(hp, '#tasks-photo', { name: 'after.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(hp) });
  await see(hp, '#tasks-photo', '已选 1 张');
  await fill(hp, '#tasks-note', note);
  await hp.locator(`#task-${reportId}-resolve`).tap();
  await see(hp, '#tasks-success', '已提交处置结果');
}

/** The resident opens the report from 我的上报 (marked 请确认) and answers. */
async function answer(rp: Page, reportId: string, resolutions: number, label: string, expected: string, rating?: string): Promise<void> {
  await rp.goto(`${journey.url}/#/packages/report/mine/index`);
  await see(rp, `#report-${reportId}`, '待确认 · 请确认');
  await rp.locator(`#report-${reportId}`).tap();
  await rp.locator('#report-confirm').waitFor();
  // The resident sees their own photo and the handler's latest resolution photo.
  await imagesShown(rp, '#report-detail .v-thumb');
  await imagesShown(rp, '.report-history-photo', resolutions);
  await pickOption(rp, 'report-confirm-answer', label);
  if (rating) await pickOption(rp, 'report-confirm-rating', rating);
  await rp.locator('#report-confirm-submit').tap();
  // 未解决 sends the report back to the department: the resident confirms that first.
  if (label.startsWith('未解决')) await answerModal(rp, 'confirm');
  await see(rp, '#report-detail-success', expected);
}

test('a report with photo and position reaches the grid handler; not fixed sends it back; fixed and rated counts on the stats page', async () => {
  const dp = await staff(ADMIN.username, ADMIN.password);
  const before = await openStats(dp);

  // 1. The resident files a report: category, a photo, the current position, an address.
  const resident = await journey.kit.resident(`report-resident-${run}`);
  await resident.setGeolocation(SPOT_WGS);
  const rp = await journey.kit.at(resident, '/pages/home/index');
  await rp.locator('#entry-report').tap();
  await pickOption(rp, 'report-category', '市容环境 · 暴露垃圾');
  await chooseFile(rp, '#report-photo-add', { name: 'litter.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(rp) });
  await see(rp, '#report-success', '照片已上传');
  await imagesShown(rp, '#report-photos .v-thumb');
  await rp.locator('#report-location-here').tap();
  await see(rp, '#report-location-value', '经度');
  const shown = (await rp.locator('#report-location-value').textContent()) ?? '';
  // The browser's WGS-84 arrived as the GCJ-02 point (to the 5 decimals shown).
  expect(shown).toContain(SPOT_GCJ.lng.toFixed(4));
  expect(shown).toContain(SPOT_GCJ.lat.toFixed(4));
  await fill(rp, '#report-address', `幸福里 ${run} 号楼东侧`);
  const description = `楼道口垃圾堆放三天无人清理 ${run}`;
  await fill(rp, '#report-description', description);
  await rp.locator('#report-submit').tap();
  await see(rp, '#report-success', '已派遣至区城管局');
  const reportId = (await rp.locator('#report-view').getAttribute('data-report-id')) ?? '';
  expect(reportId).toMatch(/^[0-9a-f]{24}$/);

  // It lands with the grid's handler.
  const hp = await staff('demo-handler', DEMO_PASSWORD);
  await openTasks(hp, reportId);
  await see(hp, `#task-${reportId}`, description);
  await see(hp, `#task-${reportId}`, '幸福里第2网格');

  // 2. The handler signs for it, checks in on site, resolves with a photo.
  await hp.locator(`#task-${reportId}-take`).tap();
  await see(hp, '#tasks-success', '已签收');
  await hp.locator(`#task-${reportId}-arrive`).tap();
  await see(hp, '#tasks-success', '已到场签到');
  await see(hp, `#task-${reportId}-status`, '已到场');
  await resolveWithPhoto(hp, reportId, '已清运垃圾并消毒');

  // 3. The resident says it is not fixed: dispatched again to the same handler, who resolves again.
  await answer(rp, reportId, 1, '未解决（重新派遣）', '已重新派遣');
  await see(rp, '#report-history', '自动重新派遣');
  await openTasks(hp, reportId);
  await see(hp, `#task-${reportId}-status`, '已派遣');
  await hp.locator(`#task-${reportId}-take`).tap();
  await see(hp, '#tasks-success', '已签收');
  await resolveWithPhoto(hp, reportId, '已彻底清理并加装垃圾桶');

  // 4. The resident confirms it fixed, rated 4; the stats count one more fixed and on time.
  await answer(rp, reportId, 2, '已解决', '感谢您的确认与评价', '4 分');
  await see(rp, '#report-status', '已办结（已解决）');
  await see(rp, '#report-confirmation', '已解决 · 评价 4 分');
  await expect(rp.locator('#report-confirm').count()).resolves.toBe(0);
  const after = await openStats(dp);
  expect(after.fixed).toBe(before.fixed + 1);
  expect(after.onTime).toBe(before.onTime + 1);
}, 300000);
