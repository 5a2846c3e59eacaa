/**
 * Screens residents and staff expect (issue 16), in Chromium on the H5 portal served by the real server:
 * (a) the 活动 tab's search box narrows the list (with the other filters), and 地图 without a map key
 *     degrades to the nearby list with distances;
 * (b) 取消报名 asks first (cancelled, then accepted); 取消活动 has its own reason box, asks first, and
 *     the signed-up volunteer sees the reason; a team application is rejected with its reason after a
 *     confirmation that shows it;
 * (c) 我要求助 shows three field errors at once; approved requests are listed publicly.
 * The journey kit fails any of them on a page error or a console.error.
 */
import type { BrowserContext } from 'playwright-core';
import { screenshot } from './support/browser';
import { answerModal, modalText } from './support/modal';
import { beijingAt, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
const HOUR = 3600_000;

let organiser: BrowserContext;
let teamId: string;

const journey = useJourney();

beforeAll(async () => {
  ({ organiser, teamId } = await journey.kit.certifiedTeam(`org-s-${run}`, '郑组织', 31, `屏幕志愿队${run}`));
}, 240000);

test('(a) the search box narrows the activity list, and 地图 without a map key shows the nearby list with distances', async () => {
  const start = beijingAt(3, '09:00');
  const word = `银杏${run}`;
  const found = await journey.kit.publish(organiser, teamId, {
    title: `${word}落叶清扫`,
    description: '清扫小区银杏落叶',
    start,
    end: start + 2 * HOUR,
  });
  const other = await journey.kit.publish(organiser, teamId, { title: `读报会${run}`, start, end: start + 2 * HOUR });

  const r = await journey.kit.resident(`search-${run}`);
  const p = await journey.kit.at(r, '/pages/activity/index');
  await p.locator(`#activity-${other}`).waitFor();
  await fill(p, '#activity-search', word);
  await p.locator('#activity-search-submit').tap();
  await p.locator(`#activity-${other}`).waitFor({ state: 'detached' });
  await p.locator(`#activity-${found}`).waitFor();
  // Combined with another filter: a category the activity is not in leaves nothing.
  await p.locator('#activity-category-health').tap();
  await p.locator('#activity-empty').waitFor();
  await p.locator('#activity-category-all').tap();
  await p.locator(`#activity-${found}`).waitFor();

  // 地图: no map key in tests, so the page says so and lists the activities nearest first with distances.
  await p.locator('#activity-view-map').tap();
  await see(p, '#activity-map-fallback', '地图服务未配置');
  await see(p, '#activity-view-map.v-chip--on', '地图');
  await see(p, '#activity-sort-near.v-chip--on', '附近');
  await see(p, `#activity-${found}`, '米');
  await screenshot(p, 'screens-a-map-fallback');
  await p.locator('#activity-view-list').tap();
  await p.locator('#activity-map-fallback').waitFor({ state: 'detached' });
}, 300000);

test('(b) cancelling a signup and an activity ask first; the activity’s own reason reaches the volunteer; a team is rejected with its reason', async () => {
  const start = beijingAt(4, '14:00');
  const activityId = await journey.kit.publish(organiser, teamId, { title: `社区义剪${run}`, start, end: start + 2 * HOUR });

  const v = await journey.kit.residentWithRealName(`cancel-${run}`, '孙报名', 32);
  await journey.kit.registerVolunteer(v);
  const vp = await journey.kit.openActivity(v, activityId);
  await journey.kit.signUpFirstShift(vp, '报名成功');
  const cancel = vp.locator('#activity-my-signups [id$="-cancel"]').first();
  await cancel.tap();
  await answerModal(vp, 'cancel');
  await see(vp, '.signup-status', '已报名');
  await cancel.tap();
  await answerModal(vp, 'confirm');
  await see(vp, '#activity-action-success', '已取消');
  await journey.kit.signUpFirstShift(vp, '报名成功');

  const op = await journey.kit.at(organiser, `/packages/team/activity/index?id=${activityId}`);
  await op.locator('#manage-applicants .applicant').first().waitFor();
  // An empty reason is refused under its own box before anything is asked or sent.
  await op.locator('#manage-cancel').tap();
  await see(op, '#manage-cancel-reason-error', '取消原因');
  const reason = `场地临时检修${run}`;
  await fill(op, '#manage-cancel-reason', reason);
  await op.locator('#manage-cancel').tap();
  await answerModal(op, 'cancel');
  await op.locator('#manage-cancel').waitFor();
  await op.locator('#manage-cancel').tap();
  await answerModal(op, 'confirm');
  await see(op, '#manage-action-success', '活动已取消');
  await see(op, '#manage-status', reason);

  await vp.reload();
  await see(vp, '#activity-cancel-reason', reason);
  await screenshot(vp, 'screens-b-cancel-reason');

  // The district admin rejects a team application: the confirmation repeats the reason sent.
  const founder = await journey.kit.residentWithRealName(`reject-${run}`, '冯申请', 33);
  const rejected = await journey.kit.applyForTeam(founder, `待补材料队${run}`);
  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-district-teams').tap();
  await fill(dp, '#district-team-reason', '请补充团队章程');
  await dp.locator(`#district-team-${rejected}-reject`).tap();
  await expect(modalText(dp)).resolves.toContain('请补充团队章程');
  await answerModal(dp, 'confirm');
  await see(dp, '#district-teams-success', '已驳回');
}, 420000);

test('(c) 我要求助 shows every field error at once; approved requests are listed publicly without the asker', async () => {
  const r = await journey.kit.resident(`help-s-${run}`);
  const hp = await journey.kit.at(r, '/packages/volunteer/help/index');
  await fill(hp, '#help-description', '帮忙');
  await hp.locator('#help-submit').tap();
  await see(hp, '#help-description-error', '描述至少 5 个字');
  await see(hp, '#help-address-error', '地点');
  await see(hp, '#help-date-error', '请选择需要帮助的日期');
  await see(hp, '#help-error', '请检查标红的项目');
  await screenshot(hp, 'screens-c-help-errors');

  await hp.locator('#help-public-link').tap();
  await hp.locator('#help-public-list, #help-public-empty').first().waitFor();
  await hp.locator('#help-public-category-elderly_care').tap();
  await see(hp, '#help-public-category-elderly_care.v-chip--on', '助老');
}, 240000);
