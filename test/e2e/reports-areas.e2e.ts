/**
 * 随手拍 journeys in Chromium for areas and dispatch choices, through the H5 portal served by the
 * real server (`npm start` as-is: embedded DB, WeChat sandbox, demo grids, departments and staff):
 *
 * 1. 随手拍设置: a department nobody uses is deleted after a confirmation, one in use is refused
 *    with the server's reason; a category attribute gets its options; a single grid is drawn
 *    vertex by vertex from the admin's positions (a self-crossing pasted boundary refused at the
 *    field), given a worker and a department for one category, edited, and deleted;
 * 2. the dispatcher marks a report a duplicate of an open one 100 m away (its reporter then follows
 *    the original) and dispatches the original to a named handler, who finds it under 我的任务;
 * 3. without a map key, a resident places a report by picking its grid; the public list filters
 *    by area, and the heat view counts per grid and leads back to that grid's list.
 * Nothing here depends on the time of day: no dates are picked, only positions.
 */
import type { Page } from 'playwright-core';
import { answerModal } from './support/modal';
import { pickOption } from './support/pickers';
import { openReportSettings, wgsOf, type TPoint } from './support/reports';
import { ADMIN, DEMO_PASSWORD } from './support/volunteering';
import { useJourney } from './support/journey';

/** Outside every demo grid (lat ≥ 39.885) but in the district, off the demo lattice; B is about 110 m east of A. */
const DUP_A = { lng: 116.43213, lat: 39.87052 };
const DUP_B = { lng: 116.43343, lat: 39.87052 };
/** Far from the demo grids: the admin's triangle. */
const VERTICES: TPoint[] = [{ lng: 116.301, lat: 39.801 }, { lng: 116.311, lat: 39.801 }, { lng: 116.306, lat: 39.809 }];
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

/** Taro keeps earlier pages in the DOM (hidden, same ids): only the visible one counts. */
const visible = (page: Page, selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true }).first();
const see = (page: Page, selector: string, text: string) => visible(page, selector, text).waitFor({ timeout: 20000 });
const tap = (page: Page, selector: string) => visible(page, selector).tap();
const type = (page: Page, selector: string, value: string) => page.locator(`${selector} input, ${selector} textarea, textarea${selector}`).filter({ visible: true }).first().fill(value);

/** pickOption once the option has loaded: the sheet is closed with 取消 and opened again until then. */
async function pickOffered(page: Page, id: string, label: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await pickOption(page, id, label);
    } catch (e) {
      if (attempt >= 10 || !String(e).includes('is not offered')) throw e;
      await page.locator('.weui-picker').filter({ visible: true }).locator('.weui-picker__action').first().click();
      await page.waitForTimeout(500);
    }
  }
}

const settings = (page: Page, key: string, ready: string) => openReportSettings(page, journey.url, key, ready);

/** A resident standing at the point files a report there from the current position. */
async function fileAt(openid: string, p: TPoint, category: string, description: string): Promise<{ page: Page; id: string }> {
  const page = await journey.kit.at(await journey.reports.residentAt(openid, p), '/packages/report/new/index');
  await pickOption(page, 'report-category', category);
  await tap(page, '#report-location-here');
  await see(page, '#report-location-value', '经度');
  await type(page, '#report-address', `南环路 ${run} 号`);
  await type(page, '#report-description', description);
  await tap(page, '#report-submit');
  await see(page, '#report-success', '等待调度员受理');
  return { page, id: (await visible(page, '#report-view').getAttribute('data-report-id')) ?? '' };
}

test('the district admin deletes departments and grids (refusals shown), edits attribute options and draws a grid', async () => {
  const ap = await journey.reports.staff(ADMIN.username, ADMIN.password, VERTICES[0]);

  // A department nobody uses goes after a confirmation (取消 keeps it).
  await settings(ap, 'departments', '#department-form');
  const temp = `临时专班${run}`;
  await type(ap, '#department-name', temp);
  await tap(ap, '#department-submit');
  await see(ap, '#department-saved', `已新建“${temp}”`);
  const tempCard = ap.locator('#department-list .card', { hasText: temp });
  await tempCard.locator('[id$="-delete"]').tap();
  await answerModal(ap, 'cancel');
  await tempCard.waitFor();
  await tempCard.locator('[id$="-delete"]').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#department-delete-success', `已删除“${temp}”`);
  await tempCard.waitFor({ state: 'detached' });
  // One that categories rely on is refused, with the server's reason.
  await ap.locator('#department-list .card', { hasText: '区城管局' }).locator('[id$="-delete"]').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#department-delete-error', '以该部门为默认处置部门');
  await see(ap, '#department-list', '区城管局');

  // A category attribute with options (one added by mistake is removed again).
  await settings(ap, 'categories', '#category-form');
  const code = `e2e_opt_${run}`;
  await type(ap, '#category-code', code);
  await type(ap, '#category-label', `单车乱停${run}`);
  await type(ap, '#category-group', '街面秩序');
  await tap(ap, '#category-attr-add');
  await type(ap, '#category-attr-0-code', 'bike_brand');
  await type(ap, '#category-attr-0-label', '单车品牌');
  await tap(ap, '#category-attr-0-option-add');
  await see(ap, '#category-attr-0-option-error', '请先填写选项');
  for (const o of ['美团', '哈啰', '青桔']) {
    await type(ap, '#category-attr-0-option', o);
    await tap(ap, '#category-attr-0-option-add');
  }
  await see(ap, '#category-attr-0-option-2', '青桔');
  await tap(ap, '#category-attr-0-option-2-remove');
  await tap(ap, '#category-submit');
  await see(ap, '#category-saved', `已新建“单车乱停${run}”`);
  await see(ap, `#category-${code}`, '附加属性：单车品牌（美团/哈啰）');

  // A grid: blank form errors; a pasted self-crossing boundary refused at the field.
  await settings(ap, 'grids', '#grid-form');
  await tap(ap, '#grid-submit');
  await see(ap, '#grid-code-error', '编码为');
  await see(ap, '#grid-boundary-error', '请在地图上选点或粘贴 GeoJSON 边界');
  const gridCode = `e2e_drawn_${run}`;
  await type(ap, '#grid-code', gridCode);
  await type(ap, '#grid-name', `手绘网格${run}`);
  await type(ap, '#grid-boundary', JSON.stringify({ type: 'Polygon', coordinates: [[[116.3, 39.8], [116.31, 39.81], [116.31, 39.8], [116.3, 39.81], [116.3, 39.8]]] }));
  await tap(ap, '#grid-submit');
  await see(ap, '#grid-boundary-error', '自相交');
  // Drawn instead from three positions where the admin stands.
  await tap(ap, '#grid-vertex-clear');
  for (const [i, v] of VERTICES.entries()) {
    await ap.context().setGeolocation(wgsOf(v));
    await tap(ap, '#grid-vertex-here');
    // Each vertex extends the boundary as it stands: wait for it before the next.
    await see(ap, '#grid-boundary-summary', `已有 ${i + 1} 个顶点`);
  }
  await tap(ap, '#grid-worker-demo-handler-switch');
  await pickOption(ap, 'grid-override-category', '市容环境 · 暴露垃圾');
  await pickOption(ap, 'grid-override-department', '物业服务中心');
  await tap(ap, '#grid-override-add');
  await see(ap, '#grid-department-litter', '暴露垃圾 → 物业服务中心');
  await tap(ap, '#grid-submit');
  await see(ap, '#grid-saved', `已新建网格“手绘网格${run}”`);
  await see(ap, `#grid-${gridCode}`, '边界 3 个顶点');

  // While the grid sends 暴露垃圾 to 物业服务中心, that department cannot be deleted.
  await settings(ap, 'departments', '#department-form');
  await ap.locator('#department-list .card', { hasText: '物业服务中心' }).filter({ visible: true }).locator('[id$="-delete"]').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#department-delete-error', `网格「手绘网格${run}」的类别派遣指向该部门`);

  // Renamed, then deleted after a confirmation.
  await settings(ap, 'grids', '#grid-form');
  await tap(ap, `#grid-${gridCode}-edit`);
  await see(ap, '#grid-form', `修改网格：手绘网格${run}`);
  await type(ap, '#grid-name', `改名网格${run}`);
  await tap(ap, '#grid-submit');
  await see(ap, '#grid-saved', `已保存网格“改名网格${run}”`);
  await tap(ap, `#grid-${gridCode}-delete`);
  await answerModal(ap, 'confirm');
  await see(ap, '#grid-delete-success', `已删除网格“改名网格${run}”`);
  await visible(ap, `#grid-${gridCode}`).waitFor({ state: 'detached' });
}, 300000);

test('the dispatcher marks a duplicate of a nearby open report and dispatches the original to a named handler', async () => {
  const a = await fileAt(`report-dup-a-${run}`, DUP_A, '设施管理 · 井盖缺失', `路口井盖缺失 ${run}`);
  const b = await fileAt(`report-dup-b-${run}`, DUP_B, '设施管理 · 井盖缺失', `路口附近井盖没了 ${run}`);
  expect(a.id).toMatch(/^[0-9a-f]{24}$/);
  expect(b.id).toMatch(/^[0-9a-f]{24}$/);

  const dp = await journey.reports.staff('demo-dispatcher', DEMO_PASSWORD, DUP_A);
  await tap(dp, '#portal-dispatch');
  await tap(dp, `#dispatch-${b.id}-duplicate`);
  await see(dp, `#dispatch-${b.id}-candidate-${a.id}`, `路口井盖缺失 ${run}`);
  await see(dp, `#dispatch-${b.id}-candidate-${a.id}`, '相距 1');
  await tap(dp, `#dispatch-${b.id}-dup-of-${a.id}`);
  await answerModal(dp, 'confirm');
  await see(dp, '#dispatch-success', '已标记为重复');
  await visible(dp, `#dispatch-${b.id}`).waitFor({ state: 'detached' });

  // The original goes to 区市政管理处, named to the demo handler.
  const candidatesLoaded = dp.waitForResponse((r) => r.url().includes('/api/staff/report-handlers') && r.ok());
  await pickOption(dp, 'dispatch-department', '区市政管理处');
  await candidatesLoaded;
  await pickOption(dp, 'dispatch-handler', /（在办 \d+ 件）$/);
  const handlerLabel = ((await visible(dp, '#dispatch-handler-value').textContent()) ?? '').replace(/（在办.*$/, '');
  await see(dp, `#dispatch-${a.id}-go`, `派遣给区市政管理处 · ${handlerLabel}`);
  await tap(dp, `#dispatch-${a.id}-go`);
  await see(dp, '#dispatch-success', '已派遣');

  // The named handler finds it under 我的任务.
  const hp = await journey.reports.staff('demo-handler', DEMO_PASSWORD, DUP_A);
  await tap(hp, '#portal-handle');
  await tap(hp, '#tasks-mine');
  await see(hp, `#task-${a.id}`, `路口井盖缺失 ${run}`);

  // B's reporter now follows the original.
  await b.page.goto(`${journey.url}/#/packages/report/mine/index`);
  await tap(b.page, '#report-tab-following');
  await see(b.page, `#report-${a.id}`, `路口井盖缺失 ${run}`);
}, 300000);

test('without a map key a resident places a report by its grid; the public list filters by area and the heat view counts per grid', async () => {
  const resident = await journey.kit.resident(`report-grid-pick-${run}`);
  const rp = await journey.kit.at(resident, '/packages/report/new/index');
  await pickOption(rp, 'report-category', '市容环境 · 暴露垃圾');
  await pickOption(rp, 'report-location-fallback-grid', '和平巷第1网格');
  await see(rp, '#report-location-value', '经度');
  await see(rp, '#report-location-fallback-at', '所选位置位于：和平巷第1网格');
  await type(rp, '#report-address', `和平巷 ${run} 号院门口`);
  const description = `院门口垃圾成堆 ${run}`;
  await type(rp, '#report-description', description);
  await tap(rp, '#report-submit');
  await see(rp, '#report-success', '已派遣至区城管局');
  const id = (await visible(rp, '#report-view').getAttribute('data-report-id')) ?? '';
  expect(id).toMatch(/^[0-9a-f]{24}$/);

  // The public list by area: in its grid, not in another.
  const pp = await journey.kit.at(await journey.reports.phoneAt(DUP_A), '/packages/report/public/index');
  await pickOffered(pp, 'public-area', '网格 · 和平巷第1网格');
  await see(pp, `#public-${id}`, description);
  await pickOption(pp, 'public-area', '网格 · 幸福里第1网格');
  await pp.locator(`#public-${id}`).waitFor({ state: 'detached' });

  // The heat view (no map here): counts per grid, busiest first; a row leads to that grid's list.
  await tap(pp, '#public-view-heat');
  await see(pp, '#public-heat-total', '共');
  const row = visible(pp, '#public-heat-rows .card', '和平巷第1网格：');
  await row.waitFor();
  expect(Number(/：(\d+) 件/.exec((await row.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(1);
  await row.tap();
  await see(pp, '#public-area-value', '网格 · 和平巷第1网格');
  await see(pp, `#public-${id}`, description);
}, 300000);
