/**
 * 随手拍 journeys in Chromium beyond the main one (reports.e2e.ts), through the H5 portal served by
 * the real server (`npm start` as-is: embedded DB, WeChat sandbox, demo grids and staff):
 *
 * 1. the district admin sets up 随手拍 from the portal's 随手拍设置: a category (errors per field,
 *    switched off after a confirmation), a department with a handler (taking the handler off asks
 *    first), a GeoJSON grid import (bad JSON refused at once; one good row imported, the bad rows
 *    reported by number), the working calendar (a weekend "holiday" refused where it was picked),
 *    and an Open311 key that is shown once, works with a plain HTTP client, and stops working
 *    after a confirmed revocation;
 * 2. outside every grid a report goes to the dispatcher; a neighbour filing the same problem is
 *    offered it (same category within 50 m) and follows it instead; 我关注的 and the public list
 *    (anonymous) show it; the dispatcher dispatches it, the handler sends it back (reason required,
 *    confirmation), the dispatcher closes it as not fixed (confirmed), the reporter reopens it with
 *    a reason; the stats page groups by department and exports the CSV.
 */
import type { Page } from 'playwright-core';
import { answerModal } from './support/modal';
import { pickDate, pickOption } from './support/pickers';
import { openReportSettings } from './support/reports';
import { ADMIN, DEMO_PASSWORD, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

/** Inside the demo district (116.405, 39.915 ± 0.06) but south of every demo grid (lat ≥ 39.885), off the demo lattice. */
const QUEUE_SPOT = { lng: 116.4123, lat: 39.8712 };
/** About 20 m east: within the 50 m duplicate radius. */
const NEIGHBOUR_SPOT = { lng: 116.41253, lat: 39.8712 };
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

const settings = (page: Page, key: string, ready: string) => openReportSettings(page, journey.url, key, ready);

/** Open311 POST requests.json as an outside system would send it: form-encoded, with the key. */
async function open311Post(apiKey: string): Promise<number> {
  const form = new URLSearchParams({ api_key: apiKey, service_code: 'litter', lat: '39.9001', long: '116.4101', description: `外部系统转来的垃圾问题 ${run}` });
  const res = await fetch(`${journey.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  return res.status;
}

const square = (lng: number, lat: number, d: number) => [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]];

test('the district admin sets up categories, departments, grids, the calendar and Open311 keys from the portal', async () => {
  const ap = await journey.reports.staff(ADMIN.username, ADMIN.password, QUEUE_SPOT);

  // A category: the blank form shows each field's message; then a working-day one with an attribute.
  await settings(ap, 'categories', '#category-form');
  await fill(ap, '#category-code', '');
  await ap.locator('#category-submit').tap();
  await see(ap, '#category-code-error', '编码为');
  await see(ap, '#category-label-error', '类别名称至少 2 个字');
  const code = `e2e_${run}`;
  await fill(ap, '#category-code', code);
  await fill(ap, '#category-label', `共享单车${run}`);
  await fill(ap, '#category-group', '街面秩序');
  await pickOption(ap, 'category-department', '区城管局');
  await fill(ap, '#category-resolve', '');
  await ap.locator('#category-submit').tap();
  await see(ap, '#category-resolve-error', '请填写处置时限');
  await fill(ap, '#category-resolve', '480');
  await pickOption(ap, 'category-clock', '工作日计时（按工作日历）');
  await ap.locator('#category-attr-add').tap();
  await fill(ap, '#category-attr-0-code', 'bike_brand');
  await fill(ap, '#category-attr-0-label', '单车品牌');
  await ap.locator('#category-submit').tap();
  await see(ap, '#category-saved', `已新建“共享单车${run}”`);
  await see(ap, `#category-${code}`, '处置 480 分钟 · 工作日计时');
  await see(ap, `#category-${code}`, '默认部门：区城管局 · 附加属性：单车品牌');
  // Switching it off asks first.
  await ap.locator(`#category-${code}-edit`).tap();
  await ap.locator('#category-active').tap();
  await ap.locator('#category-submit').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#category-saved', `已保存“共享单车${run}”`);
  await see(ap, `#category-${code}`, '已停用');

  // A department with the demo handler; taking the handler off asks first (取消 keeps the edit open).
  await settings(ap, 'departments', '#department-form');
  const dept = `共享单车专班${run}`;
  await ap.locator('#department-submit').tap();
  await see(ap, '#department-name-error', '部门名称至少 2 个字');
  await fill(ap, '#department-name', dept);
  await ap.locator('#department-handler-demo-handler-switch').tap();
  await ap.locator('#department-submit').tap();
  await see(ap, '#department-saved', `已新建“${dept}”`);
  const card = ap.locator('#department-list .card', { hasText: dept });
  await card.locator('.v-item__meta', { hasText: '处置人员：' }).filter({ hasNotText: '暂无' }).waitFor();
  await card.locator('[id$="-edit"]').tap();
  await ap.locator('#department-handler-demo-handler-switch').tap();
  await ap.locator('#department-submit').tap();
  await answerModal(ap, 'cancel');
  await see(ap, '#department-form', `修改部门：${dept}`);
  await ap.locator('#department-submit').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#department-saved', `已保存“${dept}”`);
  await see(ap, '#department-list', '处置人员：暂无');

  // Grids: bad JSON is refused before sending; a file with one good and two bad features.
  await settings(ap, 'grids', '#grids-import');
  await fill(ap, '#grids-text', '{"type": "FeatureCollection", "features": [');
  await ap.locator('#grids-import-submit').tap();
  await see(ap, '#grids-text-error', '不是有效的 JSON');
  const gridCode = `e2e_grid_${run}`;
  const collection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: gridCode, name: `测试网格${run}`, workers: ['demo-handler'] }, geometry: { type: 'Polygon', coordinates: square(116.2, 39.7, 0.01) } },
      { type: 'Feature', properties: { code: `e2e_bow_${run}`, name: '自相交网格' }, geometry: { type: 'Polygon', coordinates: [[[116.2, 39.8], [116.21, 39.81], [116.21, 39.8], [116.2, 39.81], [116.2, 39.8]]] } },
      { type: 'Feature', properties: { code: `e2e_nobody_${run}`, name: '无人网格', workers: ['no-such-user'] }, geometry: { type: 'Polygon', coordinates: square(116.22, 39.7, 0.01) } },
    ],
  };
  const [chooser] = await Promise.all([ap.waitForEvent('filechooser'), ap.locator('#grids-file').tap()]);
  await chooser.setFiles({ name: 'grids.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(collection)) });
  await see(ap, '#grids-file-name', '已读取文件');
  await ap.locator('#grids-import-submit').tap();
  await see(ap, '#grids-import-result', '已导入 1 个网格，2 行有误未导入');
  await see(ap, '#grids-import-row-2', `第 2 行（e2e_bow_${run}）`);
  await see(ap, '#grids-import-row-3', '网格员账号不存在：no-such-user');
  await see(ap, `#grid-${gridCode}`, `测试网格${run}`);

  // Working calendar: a Sunday is no "holiday"; a Monday is, and is saved.
  await settings(ap, 'calendar', '#calendar-holidays');
  await pickDate(ap, 'calendar-holidays-date', '2026-12-06');
  await ap.locator('#calendar-holidays-add').tap();
  await see(ap, '#calendar-holidays-date-error', '本来就是休息日');
  await pickDate(ap, 'calendar-holidays-date', '2026-12-07');
  await ap.locator('#calendar-holidays-add').tap();
  await see(ap, '#calendar-holidays-list', '2026-12-07（周一）');
  await ap.locator('#calendar-save').tap();
  await see(ap, '#calendar-saved', '已保存');
  await ap.reload();
  await see(ap, '#calendar-holidays-list', '2026-12-07（周一）');

  // Open311: the key is shown once and works; revoking asks first and then stops it.
  await settings(ap, 'keys', '#keys-form');
  await ap.locator('#keys-submit').tap();
  await see(ap, '#keys-name-error', '名称至少 2 个字');
  await fill(ap, '#keys-name', `12345 热线 ${run}`);
  await ap.locator('#keys-submit').tap();
  await ap.locator('#keys-secret').waitFor();
  const secret = ((await ap.locator('#keys-secret').textContent()) ?? '').trim();
  expect(secret.length).toBeGreaterThanOrEqual(20);
  expect(await open311Post(secret)).toBe(201);
  await ap.locator('#keys-dismiss').tap();
  await expect(ap.locator('#keys-secret').count()).resolves.toBe(0);
  const keyCard = ap.locator('#keys-list .card', { hasText: `12345 热线 ${run}` });
  await see(ap, '#keys-list', '有效');
  await keyCard.locator('[id$="-revoke"]').tap();
  await answerModal(ap, 'cancel');
  expect(await open311Post(secret)).toBe(201);
  await keyCard.locator('[id$="-revoke"]').tap();
  await answerModal(ap, 'confirm');
  await see(ap, '#keys-action-success', '已吊销');
  await keyCard.locator('.v-item__meta', { hasText: '吊销' }).waitFor();
  expect(await open311Post(secret)).toBe(403);
}, 300000);

test('outside every grid a report queues for the dispatcher; a neighbour follows it instead of filing again; dispatch, send back and close not fixed are confirmed; stats group and export', async () => {
  // The reporter files anonymously, outside every grid.
  const reporter = await journey.reports.residentAt(`report-queue-${run}`, QUEUE_SPOT);
  const rp = await journey.kit.at(reporter, '/packages/report/new/index');
  await pickOption(rp, 'report-category', '市容环境 · 暴露垃圾');
  await rp.locator('#report-location-here').tap();
  await see(rp, '#report-location-value', '经度');
  await fill(rp, '#report-address', `南环路 ${run} 号公交站`);
  const description = `公交站旁垃圾桶满溢无人清运 ${run}`;
  await fill(rp, '#report-description', description);
  await rp.locator('#report-anonymous').tap();
  await rp.locator('#report-submit').tap();
  await see(rp, '#report-success', '等待调度员受理');
  const reportId = (await rp.locator('#report-view').getAttribute('data-report-id')) ?? '';
  expect(reportId).toMatch(/^[0-9a-f]{24}$/);

  // A neighbour about to report the same problem is shown it and follows it ("me too").
  const neighbour = await journey.reports.residentAt(`report-neighbour-${run}`, NEIGHBOUR_SPOT);
  const np = await journey.kit.at(neighbour, '/packages/report/new/index');
  await pickOption(np, 'report-category', '市容环境 · 暴露垃圾');
  await np.locator('#report-location-here').tap();
  await see(np, `#report-nearby-${reportId}`, description);
  await np.locator(`#report-follow-${reportId}`).tap();
  await see(np, '#report-success', '已关注该问题');
  await np.goto(`${journey.url}/#/packages/report/mine/index`);
  await np.locator('#report-tab-following').tap();
  await see(np, `#report-${reportId}`, description);

  // The public list: filtered to open 暴露垃圾 reports, the reporter shown as 匿名.
  await np.goto(`${journey.url}/#/packages/report/public/index`);
  await pickOption(np, 'public-status', '处理中');
  await pickOption(np, 'public-category', '暴露垃圾');
  await see(np, `#public-${reportId}`, '匿名');

  // The dispatcher: staff see who reported; a reason is needed before 不予受理; dispatch to 区城管局.
  const dp = await journey.reports.staff('demo-dispatcher', DEMO_PASSWORD, QUEUE_SPOT);
  await dp.locator('#portal-dispatch').tap();
  await see(dp, `#dispatch-${reportId}`, '（匿名）');
  await dp.locator(`#dispatch-${reportId}-reject`).tap();
  await see(dp, '#dispatch-note-error', '请先填写不予受理的原因');
  await pickOption(dp, 'dispatch-department', '区城管局');
  await dp.locator(`#dispatch-${reportId}-go`).tap();
  await see(dp, '#dispatch-success', '已派遣');

  // The handler signs for it and sends it back: reason first, then a confirmation (取消 changes nothing).
  const hp = await journey.reports.staff('demo-handler', DEMO_PASSWORD, QUEUE_SPOT);
  await hp.locator('#portal-handle').tap();
  await hp.locator('#tasks-department').tap();
  await hp.locator(`#task-${reportId}-take`).tap();
  await see(hp, '#tasks-success', '已签收');
  await hp.locator(`#task-${reportId}-transfer`).tap();
  await see(hp, '#tasks-note-error', '请先填写退回改派的原因');
  await fill(hp, '#tasks-note', '不属于本部门职责，应由物业处理');
  await hp.locator(`#task-${reportId}-transfer`).tap();
  await answerModal(hp, 'cancel');
  await see(hp, `#task-${reportId}-status`, '处置中');
  await hp.locator(`#task-${reportId}-transfer`).tap();
  await answerModal(hp, 'confirm');
  await see(hp, '#tasks-success', '已退回调度改派');

  // Back in the dispatcher's queue; closed as not fixed after a confirmation.
  await dp.goto(`${journey.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-dispatch').tap();
  await see(dp, `#dispatch-${reportId}`, '退回待改派');
  await fill(dp, '#dispatch-note', '物业已撤场，暂无责任单位');
  await dp.locator(`#dispatch-${reportId}-close`).tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#dispatch-success', '已办结（未解决）');

  // The reporter sees it closed as not fixed, with the dispatcher's reason in the history.
  await rp.goto(`${journey.url}/#/packages/report/detail/index?id=${reportId}`);
  await see(rp, '#report-status', '未解决');
  await see(rp, '#report-history', '物业已撤场');
  // The reporter reopens it: a reason first (shown under the field), then a confirmation.
  await rp.locator('#report-reopen-submit').tap();
  await see(rp, '#report-reopen-reason-error', '请填写原因');
  await fill(rp, '#report-reopen-reason', '垃圾仍在，物业撤场后应由城管负责');
  await rp.locator('#report-reopen-submit').tap();
  await answerModal(rp, 'confirm');
  await see(rp, '#report-detail-success', '已重新打开');
  await see(rp, '#report-history', '垃圾仍在');
  await expect(rp.locator('#report-reopen').count()).resolves.toBe(0);

  // Stats grouped by department (the assessment table), and the CSV of the same query.
  await dp.goto(`${journey.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-report-stats').tap();
  await dp.locator('#stats-total').waitFor();
  await pickOption(dp, 'stats-by', '按部门（考核表）');
  await see(dp, '#stats-rows', '区城管局：受理');
  const [download] = await Promise.all([dp.waitForEvent('download'), dp.locator('#stats-csv').tap()]);
  expect(download.suggestedFilename()).toMatch(/^工单统计_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_department\.csv$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv.startsWith('\uFEFF"分组","受理量","办结量"')).toBe(true);
  expect(csv).toContain('区城管局');
  await see(dp, '#stats-csv-done', '已开始下载');
}, 300000);
