/**
 * Volunteering journey in Chromium, through the H5 portal served by the real
 * server (`npm start` as-is, embedded DB, WeChat sandbox):
 *
 * resident applies for a team → district admin certifies it → the new team admin
 * publishes an activity with a 2-place shift → three residents sign up (the third
 * is waitlisted) → one cancels → the third is offered the place and confirms →
 * check-in and check-out with the rotating QR token and the browser's geolocation
 * (outside the radius first: refused) → the admin confirms the hours in bulk and
 * adjusts one with a reason → the resident downloads the certificate PDF and its
 * serial verifies on the public page.
 *
 * Only the QR scan is bridged: a browser has no camera, so the test reads the token
 * the organiser's page shows and opens the check-in page with it, as a scanned link
 * (`?t=`) would.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { SITE, fill, see, shanghai } from './support/volunteering';
import { pickDate, pickTime } from './support/pickers';
import { answerModal } from './support/modal';
import { useJourney } from './support/journey';

const FAR = { lng: 121.6, lat: 31.3 };
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

async function readToken(organiser: Page, shiftId: string): Promise<string> {
  const qr = organiser.locator('#checkin-qr');
  if (!(await qr.isVisible().catch(() => false))) await organiser.locator(`#manage-shift-${shiftId}-qr`).tap();
  await organiser.locator('#checkin-qr-image').waitFor();
  return (await qr.getAttribute('data-token')) ?? '';
}

test('team admin publishes; residents sign up, wait, are offered, check in and out; hours certified and verifiable', async () => {
  // 1. A resident applies to found a team; the district admin certifies it.
  const organiser = await journey.kit.residentWithRealName(`org-${run}`, '张组织', 1);
  const teamId = await journey.kit.applyForTeam(organiser, `阳光助老队${run}`);
  await journey.kit.certify(await journey.kit.districtAdmin(), teamId);

  // 2. The new team admin publishes an activity: one shift, 2 places, starting in about 4 minutes
  //    (long enough to sign up and cancel first; check-out is only accepted once it has started).
  const op = await journey.kit.at(organiser, '/pages/activity/index');
  await op.reload(); // the app reloads the user (now with the team_admin grant) at start
  await op.locator('#activity-links-team-admin').tap();
  await op.locator('#team-publish').tap();
  const startMs = Math.ceil((Date.now() + 4 * 60_000) / 60_000) * 60_000;
  const start = shanghai(startMs);
  const end = shanghai(startMs + 120 * 60_000);
  await fill(op, '#publish-title', `社区助老探访${run}`);
  await fill(op, '#publish-description', '陪伴独居老人聊天，帮助打扫卫生。');
  await fill(op, '#publish-address', '幸福里 88 号活动室');
  await op.locator('#publish-location-here').tap();
  await op.locator('#publish-location-value', { hasText: '经度' }).waitFor();
  await pickDate(op, 'shift-0-date', start.date);
  await pickTime(op, 'shift-0-start', start.time);
  await pickTime(op, 'shift-0-end', end.time);
  if (end.date !== start.date) await op.locator('#shift-0-overnight').tap();
  await fill(op, '#shift-0-capacity', '2');
  await op.locator('#publish-submit').tap();
  const activityId = await op.locator('#publish-done').getAttribute('data-activity-id');
  expect(activityId).toMatch(/^[0-9a-f]{24}$/);
  await screenshot(op, 'volunteering-published');

  // 3. Three residents register as volunteers and sign up; the third is waitlisted.
  const residents = [
    await journey.kit.residentWithRealName(`vol-a-${run}`, '李一', 2),
    await journey.kit.residentWithRealName(`vol-b-${run}`, '王二', 3),
    await journey.kit.residentWithRealName(`vol-c-${run}`, '赵三', 4),
  ];
  const [a, b, c] = residents;
  let shiftId = '';
  for (const [i, r] of residents.entries()) {
    await journey.kit.registerVolunteer(r, '助老、急救');
    // Discovery: the 活动 tab, sorted by distance from where the resident stands.
    const p = await journey.kit.at(r, '/pages/activity/index');
    await p.locator('#activity-sort-near').tap();
    await see(p, '#activity-sort-near.v-chip--on', '附近');
    await see(p, `#activity-${activityId}`, '米');
    await p.locator(`#activity-${activityId}`).tap();
    const shift = p.locator('.shift').first();
    await shift.waitFor();
    shiftId = ((await shift.getAttribute('id')) ?? '').replace(/^shift-/, '');
    await p.locator(`#shift-${shiftId}-signup`).tap();
    await see(p, '#activity-action-success', i < 2 ? '报名成功' : '候补');
  }
  const cPage = c.pages()[0];
  await see(cPage, '.signup-status', '候补中');

  // 4. The first cancels; the place is offered to the third, who confirms.
  const aPage = a.pages()[0];
  await aPage.locator('[id^="signup-"][id$="-cancel"]').first().tap();
  await answerModal(aPage, 'confirm');
  await see(aPage, '#activity-action-success', '已取消');
  await cPage.reload();
  await cPage.locator('[id^="signup-"][id$="-accept"]').first().tap();
  await see(cPage, '#activity-action-success', '已确认');
  await see(cPage, '.signup-status', '已报名');
  await screenshot(cPage, 'volunteering-offer-accepted');

  // 5. On site: the organiser shows the rotating QR; volunteers check in (outside the radius first) and out.
  const manage = op;
  await manage.locator('#publish-open-manage').tap();
  await manage.locator('#manage-title').waitFor();
  // The organiser sees who holds the two places (and the one who cancelled).
  await manage.locator('#manage-applicants .applicant[data-status="confirmed"]').nth(1).waitFor();
  await manage.locator('#manage-applicants .applicant[data-status="cancelled"]').first().waitFor();
  const bPage = b.pages()[0];
  await b.setGeolocation({ longitude: FAR.lng, latitude: FAR.lat, accuracy: 10 });
  let token = await readToken(manage, shiftId);
  expect(token).toMatch(/^v1\./);
  await bPage.goto(`${journey.url}/#/packages/volunteer/checkin/index?t=${encodeURIComponent(token)}`);
  await expect(bPage.locator('#checkin-token input').inputValue()).resolves.toBe(token);
  await bPage.locator('#checkin-submit').tap();
  await see(bPage, '#checkin-error', '超出签到范围');
  await b.setGeolocation({ longitude: SITE.lng, latitude: SITE.lat, accuracy: 10 });
  for (const r of [b, c]) {
    const p = r.pages()[0];
    token = await readToken(manage, shiftId);
    await p.goto(`${journey.url}/#/packages/volunteer/checkin/index?t=${encodeURIComponent(token)}`);
    await fill(p, '#checkin-token', token);
    await p.locator('#checkin-submit').tap();
    await see(p, '#checkin-success', '签到成功');
    const untilStart = startMs + 2000 - Date.now();
    if (untilStart > 0) await p.waitForTimeout(untilStart);
    token = await readToken(manage, shiftId);
    await fill(p, '#checkin-token', token);
    await p.locator('#checkout-submit').tap();
    await p.locator('.taro__modal .taro-model__confirm').tap(); // 确认签退
    await see(p, '#checkin-success', '签退成功');
    await expect(p.locator('#checkin-result').getAttribute('data-outcome')).resolves.toBe('checked_out');
  }
  await screenshot(cPage, 'volunteering-checked-out');

  // The organiser's screen fetches a new token after each 30 s rotation; the last one stays readable.
  const shown = await readToken(manage, shiftId);
  await manage.waitForFunction(
    (prev) => document.querySelector('#checkin-qr')?.getAttribute('data-token') !== prev,
    shown,
    { timeout: 40000 },
  );
  const rotated = await readToken(manage, shiftId);
  expect(rotated).toMatch(/^v1\./);
  expect(rotated).not.toBe(shown);
  expect(rotated.split('.').slice(1, 3)).toEqual(shown.split('.').slice(1, 3));

  // 6. The admin confirms the pending hours in bulk, then sets the third volunteer's to 2 hours with a reason.
  const hp = manage;
  await hp.locator('#manage-hours').tap();
  await hp.locator('.hours-entry').nth(1).waitFor();
  await hp.locator('#hours-select-all').tap();
  await hp.locator('#hours-confirm').tap();
  await answerModal(hp, 'confirm'); // 确认时长
  await see(hp, '#hours-success', '已确认 2 条');
  await hp.locator('#hours-status-confirmed').tap();
  const cUser = await journey.kit.userIdOf(c);
  const entry = hp.locator(`.hours-entry[data-user="${cUser}"]`).first();
  await entry.waitFor();
  await entry.locator('[id$="-adjust"]').tap();
  await fill(hp, '#hours-reason', '活动提前开始，按实际服务 2 小时补录');
  await fill(hp, '#hours-adjust-minutes', '120');
  await hp.locator('#hours-adjust-submit').tap();
  await see(hp, '#hours-success', '已调整');

  // 7. The volunteer issues and downloads the certificate; anyone can verify its serial.
  const cert = await journey.kit.at(c, '/packages/volunteer/hours/index');
  await see(cert, '#hours-confirmed', '2');
  await cert.locator('#certificate-issue').tap();
  const card = cert.locator('.certificate').first();
  await card.waitFor({ timeout: 30000 });
  const serial = (await card.getAttribute('data-serial')) ?? '';
  expect(serial.length).toBeGreaterThan(5);
  const [download] = await Promise.all([cert.waitForEvent('download'), card.locator('.certificate-download').tap()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

  const visitor = await journey.phone();
  const vp = await visitor.newPage();
  await vp.goto(`${journey.url}/#/packages/volunteer/verify/index?serial=${encodeURIComponent(serial)}`);
  await expect(vp.locator('#verify-result-serial').textContent({ timeout: 15000 })).resolves.toBe(serial);
  await expect(vp.locator('#verify-hours').textContent()).resolves.toContain('2');
  await expect(vp.locator('#verify-result').textContent()).resolves.not.toContain('赵三');
  await screenshot(vp, 'volunteering-verified');
}, 420000);

test('help request reviewed before it is public, then taken up as an activity; a resident joins a team by request; district stats export CSV', async () => {
  // A resident asks for help; it stays private until the district admin approves it.
  const asker = await journey.kit.resident(`help-${run}`);
  const hp = await journey.kit.at(asker, '/packages/volunteer/help/index');
  const need = `楼上独居老人需要每周代买药品${run}`;
  const tomorrow = shanghai(Date.now() + 24 * 3600_000);
  await fill(hp, '#help-description', need);
  await fill(hp, '#help-address', '幸福里 12 号 3 楼');
  await pickDate(hp, 'help-date', tomorrow.date);
  await pickTime(hp, 'help-time', '10:00');
  await hp.locator('#help-submit').tap();
  await see(hp, '#help-success', '审核');
  await see(hp, '#help-mine', '审核中');

  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-district-help').tap();
  await dp.locator('#help-review-list .v-item', { hasText: need }).locator('[id$="-approve"]').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#help-review-success', '已公开');
  await hp.reload();
  await see(hp, '#help-mine', '已公开');
  // Approved requests are public (大家的求助, linked from 我要求助), without the asker's identity.
  await hp.locator('#help-public-link').tap();
  await hp.locator('#help-public-list .v-item', { hasText: need }).tap();
  await see(hp, '#help-public-detail', '等待团队响应');
  await see(hp, '#help-public-detail', '10:00');
  await journey.kit.at(asker, '/packages/volunteer/help/index');

  // A resident finds a team nearby and asks to join; the team admin approves.
  const founder = await journey.kit.residentWithRealName(`org2-${run}`, '钱组织', 5);
  const teamId = await journey.kit.applyForTeam(founder, `绿色环保队${run}`);
  await journey.kit.certify(dp, teamId);
  const joiner = await journey.kit.resident(`join-${run}`);
  const jp = await journey.kit.at(joiner, '/packages/volunteer/teams/index');
  await jp.locator(`#team-${teamId}`).tap();
  await fill(jp, '#team-join-message', '周末有空，想参加环保活动');
  await jp.locator('#team-join').tap();
  await see(jp, '#team-join-success', '等待');
  const joinerId = await journey.kit.userIdOf(joiner);

  const fp = await journey.kit.at(founder, `/packages/team/members/index?team=${teamId}`);
  await fp.locator(`#join-${joinerId}-approve`).tap();
  await answerModal(fp, 'confirm');
  await see(fp, '#members-success', '已通过');
  await fp.locator(`#member-${joinerId}`).waitFor();
  await jp.reload();
  await see(jp, '#team-my-membership', '已加入');

  // The team takes up the public help request and turns it into an activity.
  await journey.kit.at(founder, `/packages/team/home/index?team=${teamId}`);
  await fp.locator('#team-help-list .v-item', { hasText: need }).locator('[id$="-take"]').tap();
  await answerModal(fp, 'confirm'); // 认领求助
  await fp.waitForFunction(
    (text) =>
      (document.querySelector('#publish-description textarea') as HTMLTextAreaElement | null)?.value.includes(text),
    need,
    { timeout: 15000 },
  );
  // The form starts from the request: its category (助老 → 助老服务) and a shift when help is needed.
  await fp.locator('#publish-category-elderly_care.v-chip--on').waitFor();
  await fp.locator('#shift-0-date-value', { hasText: tomorrow.date }).waitFor();
  await fp.locator('#shift-0-start-value', { hasText: '10:00' }).waitFor();
  const when = shanghai(Date.now() + 48 * 3600_000);
  await fp.locator('#publish-location-here').tap();
  await fp.locator('#publish-location-value', { hasText: '经度' }).waitFor();
  await pickDate(fp, 'shift-0-date', when.date);
  await pickTime(fp, 'shift-0-start', '10:00');
  await pickTime(fp, 'shift-0-end', '11:00');
  await fill(fp, '#shift-0-capacity', '2');
  await fp.locator('#publish-submit').tap();
  await fp.locator('#publish-done').waitFor();
  expect(await fp.locator('#publish-error').count()).toBe(0);
  await hp.reload();
  await see(hp, '#help-mine', '已转为活动');

  // District statistics, and the CSV export for Excel (UTF-8 with BOM).
  await dp.goto(`${journey.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-district-stats').tap();
  await dp.locator('#stats-totals').waitFor();
  const [csv] = await Promise.all([dp.waitForEvent('download'), dp.locator('#stats-export').tap()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await csv.createReadStream()) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split('\n').length).toBeGreaterThan(1);
  await screenshot(dp, 'volunteering-stats');
});
