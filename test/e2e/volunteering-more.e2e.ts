/**
 * More volunteering journeys in Chromium through the H5 portal served by the real
 * server (embedded DB, WeChat sandbox). One certified team, founded and certified
 * through the pages in beforeAll, publishes every activity:
 *
 * (a) approval-required signup: 待审核 → the team admin approves → 已报名;
 * (b) the team admin edits an activity → a signed-up resident sees the change and a notice in 我的;
 * (c) discovery: the category filter and 适合我 (skills, service area, weekly time) keep and hide the right activities;
 * (e) a late cancel counts against the no-show score → the volunteer appeals on 志愿者档案 →
 *     the team admin upholds it on 失约申诉 → the score drops to 0;
 * (f) the district admin's paged account and audit lists (shared usePagedList) search and show results;
 * (g) a team admin by membership only reviews a help request from the team page.
 * Content held for review — (d) gallery photos and (h) signup notes — is in volunteering-moderation.e2e.ts.
 */
import type { BrowserContext } from 'playwright-core';
import { screenshot } from './support/browser';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { answerModal } from './support/modal';
import { beijing, beijingAt, fill, see, shanghai } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
const HOUR = 3600_000;

let organiser: BrowserContext;
let teamId: string;

const journey = useJourney();

beforeAll(async () => {
  ({ organiser, teamId } = await journey.kit.certifiedTeam(`org-m-${run}`, '周组织', 11, `光明志愿队${run}`));
}, 240000);

test('(a) an approval-required signup waits 待审核 until the team admin approves it in the signups page', async () => {
  const start = beijingAt(4, '09:00');
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `需审核的义诊协助${run}`,
    start,
    end: start + 2 * HOUR,
    requiresApproval: true,
  });

  const r = await journey.kit.residentWithRealName(`appr-${run}`, '孙审核', 12);
  await journey.kit.registerVolunteer(r);
  const rp = await journey.kit.openActivity(r, activityId);
  await see(rp, '#activity-detail', '报名需团队审核');
  await journey.kit.signUpFirstShift(rp, '等待团队审核');
  await see(rp, '.signup-status', '待审核');
  await screenshot(rp, 'more-a-pending');

  const op = await journey.kit.at(organiser, `/packages/team/activity/index?id=${activityId}`);
  const pending = op.locator('#manage-applicants .applicant[data-status="pending_approval"]').first();
  await pending.waitFor();
  await pending.locator('[id$="-approve"]').tap();
  await answerModal(op, 'confirm');
  await see(op, '#manage-action-success', '已通过');
  await op.locator('#manage-applicants .applicant[data-status="confirmed"]').first().waitFor();

  await rp.reload();
  await see(rp, '.signup-status', '已报名');
  expect(await rp.locator('.signup-status', { hasText: '待审核' }).count()).toBe(0);
  await screenshot(rp, 'more-a-approved');
});

test('(b) the team admin edits title, description and address; a signed-up resident sees them and gets a notice', async () => {
  const start = beijingAt(5, '14:00');
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `旧标题社区义卖${run}`,
    description: '旧的活动介绍',
    address: '光明路 1 号旧址',
    start,
    end: start + 2 * HOUR,
  });
  const r = await journey.kit.residentWithRealName(`edit-${run}`, '吴编辑', 13);
  await journey.kit.registerVolunteer(r);
  const rp = await journey.kit.openActivity(r, activityId);
  await journey.kit.signUpFirstShift(rp, '报名成功');

  const op = await journey.kit.at(organiser, `/packages/team/activity/index?id=${activityId}`);
  await op.locator('#manage-edit').tap();
  // The form loads the activity, then shows its current values.
  await op.waitForFunction(
    (t) => (document.querySelector('#publish-title input') as HTMLInputElement | null)?.value === t,
    `旧标题社区义卖${run}`,
  );
  const newTitle = `新标题社区义卖${run}`;
  await fill(op, '#publish-title', newTitle);
  await fill(op, '#publish-description', '改到室内举行，请带上环保袋。');
  await fill(op, '#publish-address', '光明路 8 号社区礼堂');
  await op.locator('#publish-submit').tap();
  await op.locator('#publish-done, #publish-error').first().waitFor();
  expect([
    ...(await op.locator('#publish-error').allTextContents()),
    ...(await op.locator('.field-error').allTextContents()),
  ]).toEqual([]);
  await see(op, '#publish-done', '修改已保存');

  await rp.reload();
  await see(rp, '#activity-title', newTitle);
  await see(rp, '#activity-description', '改到室内举行');
  await see(rp, '#activity-detail', '光明路 8 号社区礼堂');
  const me = await journey.kit.at(r, '/pages/me/index');
  await see(me, '#inbox', '活动信息有更新');
  await see(me, '#inbox', newTitle);
  await screenshot(me, 'more-b-inbox');
});

test('(c) discovery: the category filter and 适合我 (skills, area, weekly time) show the right activities and hide others', async () => {
  const morning = beijingAt(3, '10:00');
  const afternoon = beijingAt(3, '15:00');
  // Four activities, each differing from the fitting one in one respect (skill, place or time).
  const publishOne = (title: string, address: string, category: string, start: number, skills?: string) =>
    journey.kit.publish(organiser, teamId, { title: `${title}${run}`, address, category, skills, start, end: start + HOUR });
  const fits = await publishOne('幸福里河道清洁', '幸福里 3 号河边', 'environment', morning);
  const needsSkill = await publishOne('幸福里摄影展', '幸福里 5 号', 'culture', morning, '摄影');
  const elsewhere = await publishOne('光明路垃圾分类', '光明路 20 号', 'environment', morning);
  const wrongTime = await publishOne('幸福里午后捡拾', '幸福里 9 号', 'environment', afternoon);

  // A volunteer who does first aid, serves 幸福里, and is free that weekday from 09:00 to 12:00.
  const r = await journey.kit.residentWithRealName(`find-${run}`, '郑发现', 14);
  const reg = await journey.kit.at(r, '/packages/volunteer/register/index');
  await fill(reg, '#volunteer-skills', '急救');
  await fill(reg, '#volunteer-areas', '幸福里');
  await reg.locator(`#volunteer-day-${shanghai(morning).weekday}`).tap();
  await pickTime(reg, 'volunteer-from', '09:00');
  await pickTime(reg, 'volunteer-to', '12:00');
  await reg.locator('#volunteer-submit').tap();
  await reg.locator('#volunteer-no').waitFor();

  const p = await journey.kit.at(r, '/pages/activity/index');
  const card = (id: string) => p.locator(`#activity-list #activity-${id}`);
  await card(fits).waitFor();
  for (const id of [needsSkill, elsewhere, wrongTime]) await card(id).waitFor();

  await p.locator('#activity-category-environment').tap();
  await see(p, '#activity-category-environment.v-chip--on', '环境保护');
  await card(needsSkill).waitFor({ state: 'detached' });
  for (const id of [fits, elsewhere, wrongTime]) await card(id).waitFor();
  await expect(p.locator('#activity-list .activity-card', { hasText: '文化宣传' }).count()).resolves.toBe(0);
  await screenshot(p, 'more-c-category');

  await p.locator('#activity-category-all').tap();
  await card(needsSkill).waitFor();
  await p.locator('#activity-suitable').tap();
  await see(p, '#activity-suitable.v-chip--on', '适合我');
  await card(fits).waitFor();
  for (const id of [needsSkill, elsewhere, wrongTime]) await card(id).waitFor({ state: 'detached' });
  await card(fits).waitFor();
  await screenshot(p, 'more-c-suitable');
});

test('(e) a late cancel raises the no-show score; the volunteer appeals, the team admin upholds it, the score drops', async () => {
  const start = beijingAt(6, '09:00');
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `重阳节敬老${run}`,
    start,
    end: start + 2 * HOUR,
    // An hour ago, but never before today's Beijing midnight: the date picker offers today onwards.
    cancelDeadline: Math.max(Date.now() - HOUR, beijing(shanghai(Date.now()).date, '00:00')),
  });
  const r = await journey.kit.residentWithRealName(`appeal-${run}`, '陈申诉', 16);
  await journey.kit.registerVolunteer(r);
  const rp = await journey.kit.openActivity(r, activityId);
  await journey.kit.signUpFirstShift(rp, '报名成功');
  await rp.locator('[id^="signup-"][id$="-cancel"]').first().tap();
  await answerModal(rp, 'confirm');
  await see(rp, '#activity-action-success', '逾期取消');

  const reg = await journey.kit.at(r, '/packages/volunteer/register/index');
  await see(reg, '#volunteer-noshow', '0.5');
  await see(reg, '#volunteer-noshow-events', '逾期取消');
  const reason = '家中老人突发急病，临时送医，无法到场';
  await fill(reg, '#volunteer-appeal-reason', reason);
  await reg.locator('#volunteer-noshow-events taro-button-core[id^="volunteer-appeal-"]').first().tap();
  await see(reg, '#volunteer-success', '申诉已提交');
  await see(reg, '#volunteer-noshow-events', '处理中');

  const op = await journey.kit.at(organiser, `/packages/team/home/index?team=${teamId}`);
  await op.locator('#team-appeals').tap();
  const item = op.locator('#appeals-list .appeal', { hasText: reason });
  await item.waitFor();
  await see(op, '#appeals-list .appeal', `活动：重阳节敬老${run}`);
  await expect(item.textContent()).resolves.toContain('逾期取消');
  await expect(item.textContent()).resolves.not.toContain('陈申诉');
  await screenshot(op, 'more-e-appeals');
  await fill(op, '#appeals-note', '情况属实，予以撤销');
  await item.locator('[id$="-uphold"]').tap();
  await answerModal(op, 'confirm');
  await see(op, '#appeals-success', '申诉成立');
  await see(op, '#appeals-empty', '暂无待处理的申诉');

  await reg.reload();
  await see(reg, '#volunteer-noshow-events', '成立');
  await expect(reg.locator('#volunteer-noshow').textContent()).resolves.toBe('0');
  await screenshot(reg, 'more-e-upheld');
});

test('(f) the district admin’s paged lists: accounts found by search, the team certification in the audit log', async () => {
  const dp = await journey.kit.districtAdmin();
  await dp.goto(`${journey.url}/#/packages/admin/users/index`);
  await see(dp, '.admin__user', '居民');
  await fill(dp, '#admin-user-q', 'admin');
  await dp.locator('#admin-user-search').tap();
  // The residents listed before the search go; the admin account stays.
  await dp.locator('.admin__user', { hasText: '居民' }).first().waitFor({ state: 'detached' });
  await see(dp, '.admin__user', '（admin）');

  await dp.goto(`${journey.url}/#/packages/admin/audit/index`);
  await dp.locator('.audit__entry').first().waitFor();
  await pickOption(dp, 'audit-action', '认证团队');
  await see(dp, '.audit__entry', `光明志愿队${run}`);
  await screenshot(dp, 'more-f-audit');
});

test('(g) an admin of a certified team by membership only reviews a resident’s help request from the team page', async () => {
  const asker = await journey.kit.resident(`help-m-${run}`);
  const hp = await journey.kit.at(asker, '/packages/volunteer/help/index');
  const need = `需要志愿者陪同老人复诊${run}`;
  const tomorrow = shanghai(Date.now() + 24 * HOUR);
  await fill(hp, '#help-description', need);
  await fill(hp, '#help-address', '幸福里 8 号');
  await pickDate(hp, 'help-date', tomorrow.date);
  await pickTime(hp, 'help-time', '09:30');
  await hp.locator('#help-submit').tap();
  await see(hp, '#help-mine', '审核中');

  const op = await journey.kit.at(organiser, `/packages/team/home/index?team=${teamId}`);
  await op.locator('#team-help-review').tap();
  const item = op.locator('#help-review-list .v-item', { hasText: need });
  await item.locator('[id$="-approve"]').tap();
  await answerModal(op, 'confirm');
  await see(op, '#help-review-success', '已公开');
  await hp.reload();
  await see(hp, '#help-mine', '已公开');
  await screenshot(op, 'more-g-help-review');
});
