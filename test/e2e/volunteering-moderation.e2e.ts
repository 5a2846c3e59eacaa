/**
 * Volunteering content held for review, in Chromium through the H5 portal served by the real
 * server (embedded DB, WeChat sandbox). One certified team, founded and certified through the
 * pages in beforeAll, publishes every activity (split from volunteering-more.e2e.ts):
 *
 * (d) gallery: a participant uploads (a GIF is refused, a JPEG waits 审核中) → the team admin approves →
 *     another resident sees it → hidden → gone for them, 未通过 with the reason for the uploader → the uploader deletes it;
 * (h) a signup note the content check holds is hidden from the team until the district admin
 *     approves it on 内容审核 (reached from the staff portal); a clean note shows at once.
 */
import type { BrowserContext } from 'playwright-core';
import { screenshot } from './support/browser';
import { answerModal } from './support/modal';
import { TINY_GIF, beijingAt, canvasJpeg, chooseFile, fill, sandboxUrlFrom, see } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
const HOUR = 3600_000;

let sandboxUrl: string;
let organiser: BrowserContext;
let teamId: string;

// Info logs carry the dev sandbox's URL, so the gallery journey can make WeChat's image check unreachable.
const journey = useJourney({ env: { LOG_LEVEL: 'info' } });

beforeAll(async () => {
  sandboxUrl = sandboxUrlFrom(journey.linli.output());
  ({ organiser, teamId } = await journey.kit.certifiedTeam(`org-r-${run}`, '周组织', 11, `光明志愿队${run}`));
}, 240000);

test('(d) gallery: a participant uploads, the team admin approves then hides; another resident sees it only while approved', async () => {
  const start = beijingAt(2, '16:00');
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `社区花园共建${run}`,
    start,
    end: start + 2 * HOUR,
    checkinRequired: false,
  });
  const participant = await journey.kit.residentWithRealName(`photo-${run}`, '冯拍照', 15);
  await journey.kit.registerVolunteer(participant);
  const pp = await journey.kit.openActivity(participant, activityId);
  await see(pp, '#gallery-empty', '还没有照片');
  await journey.kit.signUpFirstShift(pp, '报名成功');
  await pp.locator('#gallery-upload').waitFor();

  // Wrong type: the server's message is shown.
  await chooseFile(pp, '#gallery-upload', { name: 'dot.gif', mimeType: 'image/gif', buffer: TINY_GIF });
  await see(pp, '#gallery-error', '仅支持 JPG、PNG、WebP');

  // WeChat's image check is unreachable for this upload: the photo waits for the team (审核中).
  const fault = await fetch(`${sandboxUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/wxa/media_check_async', httpStatus: 503, times: 5 }),
  });
  expect(fault.status).toBe(200);
  const jpeg = await canvasJpeg(pp);
  expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  await chooseFile(pp, '#gallery-upload', { name: 'garden.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await see(pp, '#gallery-success', '审核中');
  await fetch(`${sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
  const photo = pp.locator('#gallery-grid .photo').first();
  await expect(photo.getAttribute('data-status')).resolves.toBe('checking');
  await see(pp, '#gallery-grid .photo-status', '审核中');
  const photoId = ((await photo.getAttribute('id')) ?? '').replace(/^photo-/, '');
  // The uploader sees their own photo under check (fetched with the token).
  await pp.waitForFunction(
    (sel) => (document.querySelector(`${sel} img`) as HTMLImageElement | null)?.naturalWidth === 64,
    `#photo-${photoId}-img`,
  );
  await pp.locator('#gallery').scrollIntoViewIfNeeded();
  await screenshot(pp, 'more-d-checking');

  const other = await journey.kit.resident(`look-${run}`);
  const lp = await journey.kit.openActivity(other, activityId);
  await see(lp, '#gallery-empty', '还没有照片');
  expect(await lp.locator('#gallery-upload').count()).toBe(0);

  // The team admin approves it on the activity page.
  const op = await journey.kit.openActivity(organiser, activityId);
  await see(op, `#photo-${photoId}-status`, '审核中');
  await fill(op, '#gallery-reason', '现场照片，无隐私问题');
  await op.locator(`#photo-${photoId}-show`).tap();
  await answerModal(op, 'confirm');
  await see(op, '#gallery-success', '已通过');

  await lp.reload();
  await lp.locator(`#photo-${photoId}-img`).waitFor();
  await lp.waitForFunction(
    (sel) => (document.querySelector(`${sel} img`) as HTMLImageElement | null)?.naturalWidth === 64,
    `#photo-${photoId}-img`,
  );
  await lp.locator('#gallery').scrollIntoViewIfNeeded();
  await screenshot(lp, 'more-d-visible');
  await pp.reload();
  await see(pp, `#photo-${photoId}-status`, '已通过');

  // Then hides it: gone for others, 未通过 for its uploader.
  await fill(op, '#gallery-reason', '照片含未授权的人脸');
  await op.locator(`#photo-${photoId}-hide`).tap();
  await answerModal(op, 'confirm');
  await see(op, '#gallery-success', '已隐藏');
  await lp.reload();
  await see(lp, '#gallery-empty', '还没有照片');
  expect(await lp.locator(`#photo-${photoId}`).count()).toBe(0);
  await pp.reload();
  await see(pp, `#photo-${photoId}-status`, '未通过');
  await see(pp, `#photo-${photoId}-reason`, '照片含未授权的人脸');
  await pp.locator('#gallery').scrollIntoViewIfNeeded();
  await screenshot(pp, 'more-d-hidden');

  // The uploader deletes it (two taps): gone for them and for the team.
  await pp.locator(`#photo-${photoId}-delete`).tap();
  await see(pp, `#photo-${photoId}-delete`, '确认删除');
  await pp.locator(`#photo-${photoId}-delete`).tap();
  await see(pp, '#gallery-success', '照片已删除');
  expect(await pp.locator(`#photo-${photoId}`).count()).toBe(0);
  await op.reload();
  await op.locator('#gallery').waitFor();
  expect(await op.locator(`#photo-${photoId}`).count()).toBe(0);
});

test('(h) a held signup note stays hidden from the team until the district admin approves it on 内容审核', async () => {
  const start = beijingAt(6, '14:00');
  const activityId = await journey.kit.publish(organiser, teamId, { title: `读书角志愿${run}`, start, end: start + 2 * HOUR });
  const clean = await journey.kit.residentWithRealName(`note-c-${run}`, '钱备注', 18);
  await journey.kit.registerVolunteer(clean);
  const cp = await journey.kit.openActivity(clean, activityId);
  await fill(cp, '#signup-note', '可以带两箱旧书');
  await journey.kit.signUpFirstShift(cp, '报名成功');
  await see(cp, '#activity-my-signups', '我的备注：可以带两箱旧书');

  const held = await journey.kit.residentWithRealName(`note-h-${run}`, '李备注', 19);
  await journey.kit.registerVolunteer(held);
  const hp = await journey.kit.openActivity(held, activityId);
  const note = `会讲绘本故事，待审词${run}`;
  await fill(hp, '#signup-note', note);
  await journey.kit.signUpFirstShift(hp, '报名成功');
  await see(hp, '#activity-my-signups', '审核中，通过后团队可见');

  const op = await journey.kit.at(organiser, `/packages/team/activity/index?id=${activityId}`);
  await see(op, '#manage-applicants', '可以带两箱旧书');
  await op.locator('#manage-applicants .applicant').nth(1).waitFor();
  expect(await op.locator('#manage-applicants', { hasText: note }).count()).toBe(0);
  await see(op, '#manage-applicants', '备注：审核中');

  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-district-moderation').tap();
  await dp.locator('#moderation-tab-signup-note').tap();
  const item = dp.locator('#moderation-list .v-item', { hasText: note });
  await see(dp, '#moderation-list', `读书角志愿${run}`);
  await item.locator('[id$="-approve"]').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#moderation-success', '已通过');
  await item.waitFor({ state: 'detached' });
  await screenshot(dp, 'more-h-note-moderation');

  await op.reload();
  await see(op, '#manage-applicants', note);
});
