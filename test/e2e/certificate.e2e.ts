/**
 * Service-record certificate journey (民发〔2015〕149号) in Chromium, through the H5 portal on the
 * real server (embedded DB, WeChat sandbox):
 *
 * the district admin turns on confirmation before issue and the 7-day 公示 and uploads the seal →
 * a volunteer serves a team's activity (self-reported, the team admin confirms the hours) → asks the
 * team for a certificate → the team admin cancels, then confirms it (becoming its 经办人) → a team
 * member sees it in the 公示 with a masked name → 7 days later (the dev clock) the volunteer sees
 * their full name and the issuer's 负责人/经办人, downloads the PDF and anyone verifies the serial.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { answerModal } from './support/modal';
import { canvasJpeg, chooseFile, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
const HOLDER = '林晓华';
const ORGANISER = '周组织';

const journey = useJourney({ clock: true });

async function advanceServerClock(ms: number): Promise<void> {
  const res = await fetch(`${journey.url}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.status).toBe(200);
}

async function certificateSettings(dp: Page): Promise<void> {
  await dp.goto(`${journey.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-admin-certificates').tap();
  await dp.locator('#cert-settings').waitFor();
  await fill(dp, '#cert-handler', '吴干事');
  await dp.locator('#cert-requireConfirmation').tap();
  await dp.locator('#cert-publicListing').tap();
  await dp.locator('#cert-settings-save').tap();
  await see(dp, '#cert-admin-success', '设置已保存');
  // The seal: an image from the album, uploaded with progress, re-encoded by the server.
  await chooseFile(dp, '#cert-seal-choose', { name: 'seal.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(dp) });
  await see(dp, '#cert-seal', '已上传');
  await see(dp, '#cert-seal-choose', '更换印章图片');
}

test('a team certificate is requested, confirmed by the team admin (its 经办人), listed 7 days to members, then downloaded and verified', async () => {
  // A team founded and certified; its admin publishes an activity without on-site check-in,
  // starting in about two minutes (self-reporting opens at the start).
  const organiser = await journey.kit.residentWithRealName(`cert-org-${run}`, ORGANISER, 41);
  const teamId = await journey.kit.applyForTeam(organiser, `证明测试队${run}`);
  const dp = await journey.kit.districtAdmin();
  await journey.kit.certify(dp, teamId);
  // A whole minute (the time picker has no seconds): at least two minutes ahead, whatever the
  // second now is, so the form never sees a start already past while it is filled in.
  const startsAt = Math.ceil((Date.now() + 120_000) / 60_000) * 60_000;
  const activityId = await journey.kit.publish(organiser, teamId, {
    title: `敬老院陪伴${run}`,
    start: startsAt,
    end: startsAt + 3 * 3600_000,
    checkinRequired: false,
  });

  // A volunteer signs up.
  const volunteer = await journey.kit.residentWithRealName(`cert-vol-${run}`, HOLDER, 42);
  await journey.kit.registerVolunteer(volunteer);
  const ap = await journey.kit.openActivity(volunteer, activityId);
  await journey.kit.signUpFirstShift(ap, '报名成功');

  // Meanwhile the district admin asks for confirmation and 公示, and uploads the seal.
  await certificateSettings(dp);

  // The shift starts: the volunteer reports 2 hours; the team admin confirms them (after the dialog).
  await ap.waitForTimeout(Math.max(0, startsAt - Date.now() + 3000));
  await ap.reload();
  await fill(ap, '#self-report-minutes', '120');
  await ap.locator('#self-report-submit').tap();
  await see(ap, '#activity-action-success', '等待团队确认');
  const hp = await journey.kit.at(organiser, `/packages/team/hours/index?team=${teamId}`);
  await hp.locator('.hours-entry').first().waitFor();
  await hp.locator('#hours-select-all').tap();
  await hp.locator('#hours-confirm').tap();
  await answerModal(hp, 'confirm');
  await see(hp, '#hours-success', '已确认 1 条');

  // The volunteer asks the team for a certificate: it waits for the team.
  const mine = await journey.kit.at(volunteer, '/packages/volunteer/hours/index');
  await see(mine, '#hours-confirmed', '2');
  await mine.locator(`#certificate-issue-team-${teamId}`).tap();
  await see(mine, '#certificate-success', '待出具单位确认');
  const card = mine.locator('.certificate').first();
  const serial = (await card.getAttribute('data-serial')) ?? '';
  expect(serial.length).toBeGreaterThan(5);
  await see(mine, `#certificate-${serial}-status`, '待出具单位确认');
  await expect(card.locator('.certificate-download').count()).resolves.toBe(0);

  // The team admin finds it under 证明确认: cancels the dialog once (nothing happens), then confirms.
  const tp = await journey.kit.at(organiser, `/packages/team/home/index?team=${teamId}`);
  await tp.locator('#team-certificates').tap();
  const row = tp.locator(`#cert-pending-${serial}`);
  await row.waitFor();
  await expect(row.textContent()).resolves.not.toContain(HOLDER);
  await tp.locator(`#cert-confirm-${serial}`).tap();
  await answerModal(tp, 'cancel');
  await expect(row.isVisible()).resolves.toBe(true);
  await tp.locator(`#cert-confirm-${serial}`).tap();
  await answerModal(tp, 'confirm');
  await see(tp, '#cert-queue-success', '7 天公示');
  await row.waitFor({ state: 'detached' });

  // 公示: the team's members see it with a masked name, until its date.
  await tp.locator('#team-cert-listing').tap();
  const listed = tp.locator(`#cert-listed-${serial}`);
  await see(tp, `#cert-listed-${serial}`, '公示至');
  await expect(listed.textContent()).resolves.toContain('林');
  await expect(listed.textContent()).resolves.not.toContain(HOLDER);
  await screenshot(tp, 'certificate-listing');
  await mine.reload();
  await see(mine, `#certificate-${serial}-status`, '公示中');

  // Seven days later it is issued: the volunteer's copy names them in full and the issuer's people.
  await advanceServerClock(7 * 86_400_000 + 60_000);
  await mine.reload();
  await see(mine, `#certificate-${serial}-holder`, HOLDER);
  await see(mine, `#certificate-${serial}-issuer`, `经办人 ${ORGANISER}`);
  await see(mine, `#certificate-${serial}-issuer`, `负责人 ${ORGANISER}`);
  await expect(mine.locator(`#certificate-${serial}-status`).count()).resolves.toBe(0);
  const [download] = await Promise.all([mine.waitForEvent('download'), card.locator('.certificate-download').tap()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  await screenshot(mine, 'certificate-issued');

  // Anyone verifies the serial: authentic, masked name only.
  const visitor = await journey.phone();
  const vp = await visitor.newPage();
  await vp.goto(`${journey.url}/#/packages/volunteer/verify/index?serial=${encodeURIComponent(serial)}`);
  await expect(vp.locator('#verify-result-serial').textContent({ timeout: 15000 })).resolves.toBe(serial);
  await expect(vp.locator('#verify-hours').textContent()).resolves.toContain('2');
  await expect(vp.locator('#verify-result').textContent()).resolves.not.toContain(HOLDER);
}, 420000);
