/**
 * Forms and screens (issue 16), in Chromium on the H5 portal served by the real server:
 * (a) the publish form shows three field errors at once; dates and times are picked with
 *     the picker; the cover is uploaded from a file;
 * (b) 签退 asks first, and is undone back to checked in;
 * (c) the district admin cancels a confirmation, then disables and re-enables an account,
 *     and reads the audit log in Chinese.
 * The journey kit fails any of them on a page error or a console.error.
 */
import type { BrowserContext } from 'playwright-core';
import { screenshot } from './support/browser';
import { answerModal } from './support/modal';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { canvasJpeg, chooseFile, fill, see, shanghai } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
const MINUTE = 60_000;

let organiser: BrowserContext;
let teamId: string;

const journey = useJourney();

beforeAll(async () => {
  ({ organiser, teamId } = await journey.kit.certifiedTeam(`org-f-${run}`, '吴组织', 21, `表单志愿队${run}`));
}, 240000);

async function apiGet<T>(ctx: BrowserContext, path: string): Promise<T> {
  const page = ctx.pages()[0];
  return page.evaluate(async (p) => {
    // Taro's H5 storage keeps each value as JSON { data }.
    const raw = localStorage.getItem('linli.token');
    const token = raw ? ((JSON.parse(raw) as { data?: string }).data ?? '') : '';
    const res = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
    return (await res.json()) as T;
  }, path);
}

test('(a) the publish form: three field errors at once, dates and times picked, the cover uploaded from a file', async () => {
  const op = await journey.kit.at(organiser, `/packages/team/publish/index?team=${teamId}`);
  await op.locator('#publish-title').waitFor();
  // Nothing filled in: title, description and address are all reported together.
  await op.locator('#publish-submit').tap();
  await see(op, '#publish-title-error', '活动标题至少 2 个字');
  await see(op, '#publish-description-error', '请输入活动介绍');
  await see(op, '#publish-address-error', '活动地址至少 2 个字');
  await see(op, '#publish-error', '请检查标红的项目');
  await screenshot(op, 'forms-three-errors');

  await fill(op, '#publish-title', `周末读书会${run}`);
  await fill(op, '#publish-description', '和邻居一起读书、分享。');
  await fill(op, '#publish-address', '光明路 1 号图书角');
  await op.locator('#publish-location-here').tap();
  await op.locator('#publish-location-value', { hasText: '经度' }).waitFor();

  // Dates and times come from the picker's wheels, not from typing.
  const day = shanghai(Date.now() + 3 * 24 * 60 * MINUTE).date;
  await pickDate(op, 'shift-0-date', day);
  await pickTime(op, 'shift-0-start', '14:30');
  await pickTime(op, 'shift-0-end', '16:15');
  await screenshot(op, 'forms-picked');

  // The cover: chosen from a file, uploaded with progress, shown as a preview.
  const jpeg = await canvasJpeg(op);
  await chooseFile(op, '#publish-cover-choose', { name: 'cover.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await op.locator('#publish-cover-preview').waitFor();
  await see(op, '#publish-cover-choose', '更换封面');

  await op.locator('#publish-submit').tap();
  await op.locator('#publish-done').waitFor();
  const activityId = (await op.locator('#publish-done').getAttribute('data-activity-id')) ?? '';
  expect(activityId).toMatch(/^[0-9a-f]{24}$/);
  const { activity } = await apiGet<{ activity: { coverUrl: string | null; shifts: { start: string; end: string }[] } }>(
    organiser,
    `/api/activities/${activityId}`,
  );
  expect(activity.coverUrl).toMatch(/^\/api\/covers\/[0-9a-f]{24}\/file$/);
  expect(activity.shifts[0].start).toBe(new Date(`${day}T14:30:00+08:00`).toISOString());
  expect(activity.shifts[0].end).toBe(new Date(`${day}T16:15:00+08:00`).toISOString());
  // The uploaded cover is a real image served by the API.
  const cover = await op.request.get(`${journey.url}${activity.coverUrl}`);
  expect(cover.status()).toBe(200);
  expect(cover.headers()['content-type']).toBe('image/jpeg');
});

test('(b) 签退 asks first; a mis-tapped check-out is undone back to checked in', async () => {
  // A shift that starts a few minutes from now (time to pick it and sign up): check-in opens at
  // once, check-out only once it has started.
  const start = Math.ceil((Date.now() + 4 * MINUTE) / MINUTE) * MINUTE;
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `社区巡河${run}`,
    start,
    end: start + 90 * MINUTE,
    capacity: 3,
  });
  const v = await journey.kit.residentWithRealName(`undo-${run}`, '郑志愿', 22);
  await journey.kit.registerVolunteer(v);
  await journey.kit.signUpFirstShift(await journey.kit.openActivity(v, activityId), '报名成功');

  const manage = await journey.kit.at(organiser, `/packages/team/activity/index?id=${activityId}`);
  await manage.locator('#manage-title').waitFor();
  const shiftId = ((await manage.locator('[id^="manage-shift-"][id$="-qr"]').first().getAttribute('id')) ?? '')
    .replace(/^manage-shift-/, '')
    .replace(/-qr$/, '');
  const token = async () => {
    if (!(await manage.locator('#checkin-qr').isVisible().catch(() => false)))
      await manage.locator(`#manage-shift-${shiftId}-qr`).tap();
    await manage.locator('#checkin-qr-image').waitFor();
    return (await manage.locator('#checkin-qr').getAttribute('data-token')) ?? '';
  };

  const p = await journey.kit.at(v, '/packages/volunteer/checkin/index');
  await fill(p, '#checkin-token', await token());
  await p.locator('#checkin-submit').tap();
  await see(p, '#checkin-success', '签到成功');

  // Wait for the shift to start (check-out before the start is refused by the server).
  const wait = start + 2000 - Date.now();
  if (wait > 0) await p.waitForTimeout(wait);
  await fill(p, '#checkin-token', await token());
  await p.locator('#checkout-submit').tap();
  await answerModal(p, 'cancel');
  expect(await p.locator('#checkin-result').getAttribute('data-outcome')).toBe('checked_in');
  await p.locator('#checkout-submit').tap();
  await answerModal(p, 'confirm');
  await see(p, '#checkin-success', '签退成功');
  expect(await p.locator('#checkin-result').getAttribute('data-outcome')).toBe('checked_out');

  await p.locator('#checkout-undo').tap();
  await answerModal(p, 'confirm');
  await see(p, '#checkin-success', '已撤销签退');
  expect(await p.locator('#checkin-result').getAttribute('data-outcome')).toBe('checkout_undone');
  await p.locator('#checkout-undo').waitFor({ state: 'detached' });
  await screenshot(p, 'forms-checkout-undone');

  // Checked in again: a second check-out records anew.
  await fill(p, '#checkin-token', await token());
  await p.locator('#checkout-submit').tap();
  await answerModal(p, 'confirm');
  await see(p, '#checkin-success', '签退成功');
  const hours = await apiGet<{ items: { status: string; reason?: string }[] }>(v, '/api/me/hours');
  expect(hours.items.map((i) => i.status).sort()).toEqual(['pending', 'rejected']);
}, 480000);

test('(c) the district admin cancels a confirmation, disables and re-enables an account, and reads the audit log in Chinese', async () => {
  const target = await journey.kit.resident(`disable-${run}`);
  const name = await target.pages()[0].evaluate(() => {
    const u = JSON.parse(localStorage.getItem('linli.user') ?? 'null') as { data?: { displayName: string } } | null;
    return u?.data?.displayName ?? '';
  });
  expect(name).toMatch(/^邻里居民\d+$/);
  await target.close();
  const dp = await journey.kit.districtAdmin();
  await dp.goto(`${journey.url}/#/packages/admin/users/index`);
  await fill(dp, '#admin-user-q', name);
  await dp.locator('#admin-user-search').tap();
  await dp.locator('.admin__user', { hasText: name }).first().tap();
  await see(dp, '#admin-user-status', '正常');

  // Cancelled: nothing happens.
  await dp.locator('#admin-toggle-disabled').tap();
  await answerModal(dp, 'cancel');
  await see(dp, '#admin-user-status', '正常');
  await see(dp, '#admin-toggle-disabled', '停用账号');
  // Accepted: disabled, and the page offers 启用.
  await dp.locator('#admin-toggle-disabled').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#admin-user-success', '账号已停用');
  await see(dp, '#admin-user-status', '已停用');
  await see(dp, '#admin-toggle-disabled', '启用账号');
  await dp.locator('#admin-toggle-disabled').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#admin-user-success', '账号已启用');
  await see(dp, '#admin-user-status', '正常');
  await screenshot(dp, 'forms-account-enabled');

  // The audit log: Chinese action names, the actor's name and the object's name; filter by action name.
  await dp.goto(`${journey.url}/#/packages/admin/audit/index`);
  await dp.locator('.audit__entry').first().waitFor();
  await pickOption(dp, 'audit-action', '停用账号');
  const entry = dp.locator('.audit__entry').first();
  await see(dp, '.audit__entry .audit__action', '停用账号');
  await expect(entry.locator('.audit__who').innerText()).resolves.toContain('操作人：');
  await expect(entry.locator('.audit__what').innerText()).resolves.toMatch(/对象：账号「.+」/);
  expect(await dp.locator('.audit__entry', { hasText: 'user.disabled' }).count()).toBe(0);
  await pickOption(dp, 'audit-action', '启用账号');
  await see(dp, '.audit__entry .audit__action', '启用账号');
  await screenshot(dp, 'forms-audit');
});
