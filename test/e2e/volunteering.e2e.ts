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
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCardCheckChar } from '@shared/idcard';
import { agreeToPrivacyPolicy, launchBrowser, phoneContext, screenshot } from './support/browser';
import { startLinli, type RunningLinli } from './support/server';

const SITE = { lng: 121.4737, lat: 31.2304 };
const FAR = { lng: 121.6, lat: 31.3 };
const ADMIN = { username: 'admin', password: 'linli-admin-2026' };
const run = Math.random().toString(36).slice(2, 8);

let linli: RunningLinli;
let browser: Browser;

beforeAll(async () => {
  linli = await startLinli();
  browser = await launchBrowser();
}, 180000);

afterAll(async () => {
  await browser?.close();
  await linli?.stop();
});

/** A valid ID number (region 110101, a birth date, sequence, check char). */
function idNumber(seq: number): string {
  const base = `11010119900307${String(100 + seq).padStart(3, '0')}`;
  return base + idCardCheckChar(base);
}

/** Beijing wall-clock date and HH:MM of a moment. */
function shanghai(ms: number): { date: string; time: string } {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

async function at(ctx: BrowserContext, hashPath: string): Promise<Page> {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`${linli.url}/#${hashPath}`);
  return page;
}

async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} input, ${selector} textarea, textarea${selector}`).first();
  await input.fill(value);
}

/** Waits until the element shows the text (messages re-render after each action). */
async function see(page: Page, selector: string, text: string, timeout = 20000): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout });
}

async function newPhone(where = SITE): Promise<BrowserContext> {
  const ctx = await phoneContext(browser, { geolocation: { longitude: where.lng, latitude: where.lat, accuracy: 10 } });
  await ctx.grantPermissions(['geolocation'], { origin: linli.url });
  return ctx;
}

/** Sandbox WeChat login → privacy consent; lands on 我的. */
async function resident(openid: string): Promise<BrowserContext> {
  const ctx = await newPhone();
  const page = await at(ctx, '/packages/staff/login/index');
  await fill(page, '#dev-openid', openid);
  await page.locator('#dev-login-submit').tap();
  await agreeToPrivacyPolicy(page);
  await page.waitForURL(/pages\/me\/index/);
  return ctx;
}

/** A resident who has also verified their real name on 我的 (needed to volunteer or found a team). */
async function residentWithRealName(openid: string, name: string, seq: number): Promise<BrowserContext> {
  const ctx = await resident(openid);
  const page = ctx.pages()[0];
  await fill(page, '#realname-name', name);
  await fill(page, '#realname-id', idNumber(seq));
  await page.locator('#realname-submit').tap();
  await page.locator('#realname-status').waitFor();
  return ctx;
}

/** The district admin signed in on the staff portal. */
async function districtAdmin(): Promise<Page> {
  const ctx = await newPhone();
  const dp = await at(ctx, '/packages/staff/login/index');
  await fill(dp, '#staff-username', ADMIN.username);
  await fill(dp, '#staff-password', ADMIN.password);
  await dp.locator('#staff-login-submit').tap();
  await dp.locator('#portal-entries, #consent-agree').first().waitFor();
  if (await dp.locator('#consent-agree').isVisible()) await agreeToPrivacyPolicy(dp);
  await dp.locator('#portal-entries').waitFor();
  return dp;
}

/** The organiser applies for a team on the team-apply page; returns the new team's id. */
async function applyForTeam(organiser: BrowserContext, name: string): Promise<string> {
  const op = await at(organiser, '/packages/volunteer/team-apply/index');
  await fill(op, '#team-apply-name', name);
  await fill(op, '#team-apply-hostOrg', '幸福里社区居委会');
  await fill(op, '#team-apply-serviceArea', '幸福里街道');
  await fill(op, '#team-apply-address', '幸福里 88 号');
  await fill(op, '#team-apply-contactName', '张组织');
  await fill(op, '#team-apply-contactPhone', '13800138000');
  await op.locator('#team-apply-location-here').tap();
  await op.locator('#team-apply-location-value', { hasText: '经度' }).waitFor();
  await op.locator('#team-apply-submit').tap();
  const teamId = (await op.locator('#team-apply-done').getAttribute('data-team-id')) ?? '';
  expect(teamId).toMatch(/^[0-9a-f]{24}$/);
  return teamId;
}

async function certify(dp: Page, teamId: string): Promise<void> {
  await dp.goto(`${linli.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-district-teams').tap();
  await dp.locator(`#district-team-${teamId}-certify`).tap();
  await see(dp, '#district-teams-success', '已认证');
}

async function registerVolunteer(ctx: BrowserContext): Promise<void> {
  const page = await at(ctx, '/packages/volunteer/register/index');
  await fill(page, '#volunteer-skills', '助老、急救');
  await page.locator('#volunteer-submit').tap();
  await page.locator('#volunteer-no').waitFor();
}

async function userIdOf(ctx: BrowserContext): Promise<string> {
  const raw = await ctx.pages()[0].evaluate(() => localStorage.getItem('linli.user'));
  const parsed = JSON.parse(raw ?? 'null') as { id?: string; data?: { id: string } } | null;
  const id = parsed?.data?.id ?? parsed?.id;
  if (!id) throw new Error('no user in storage');
  return id;
}

async function readToken(organiser: Page, shiftId: string): Promise<string> {
  const qr = organiser.locator('#checkin-qr');
  if (!(await qr.isVisible().catch(() => false))) await organiser.locator(`#manage-shift-${shiftId}-qr`).tap();
  await organiser.locator('#checkin-qr-image').waitFor();
  return (await qr.getAttribute('data-token')) ?? '';
}

test('team admin publishes; residents sign up, wait, are offered, check in and out; hours certified and verifiable', async () => {
  // 1. A resident applies to found a team; the district admin certifies it.
  const organiser = await residentWithRealName(`org-${run}`, '张组织', 1);
  const teamId = await applyForTeam(organiser, `阳光助老队${run}`);
  await certify(await districtAdmin(), teamId);

  // 2. The new team admin publishes an activity: one shift, 2 places, starting in 20 minutes.
  const op = await at(organiser, '/pages/activity/index');
  await op.reload(); // the app reloads the user (now with the team_admin grant) at start
  await op.locator('#activity-links-team-admin').tap();
  await op.locator('#team-publish').tap();
  const start = shanghai(Date.now() + 20 * 60_000);
  const end = shanghai(Date.now() + 140 * 60_000);
  await fill(op, '#publish-title', `社区助老探访${run}`);
  await fill(op, '#publish-description', '陪伴独居老人聊天，帮助打扫卫生。');
  await fill(op, '#publish-address', '幸福里 88 号活动室');
  await op.locator('#publish-location-here').tap();
  await op.locator('#publish-location-value', { hasText: '经度' }).waitFor();
  await fill(op, '#shift-0-date', start.date);
  await fill(op, '#shift-0-start', start.time);
  await fill(op, '#shift-0-end', end.time);
  await fill(op, '#shift-0-capacity', '2');
  await op.locator('#publish-submit').tap();
  const activityId = await op.locator('#publish-done').getAttribute('data-activity-id');
  expect(activityId).toMatch(/^[0-9a-f]{24}$/);
  await screenshot(op, 'volunteering-published');

  // 3. Three residents register as volunteers and sign up; the third is waitlisted.
  const residents = [
    await residentWithRealName(`vol-a-${run}`, '李一', 2),
    await residentWithRealName(`vol-b-${run}`, '王二', 3),
    await residentWithRealName(`vol-c-${run}`, '赵三', 4),
  ];
  const [a, b, c] = residents;
  let shiftId = '';
  for (const [i, r] of residents.entries()) {
    await registerVolunteer(r);
    // Discovery: the 活动 tab, sorted by distance from where the resident stands.
    const p = await at(r, '/pages/activity/index');
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
  await bPage.goto(`${linli.url}/#/packages/volunteer/checkin/index?t=${encodeURIComponent(token)}`);
  await expect(bPage.locator('#checkin-token input').inputValue()).resolves.toBe(token);
  await bPage.locator('#checkin-submit').tap();
  await see(bPage, '#checkin-error', '超出签到范围');
  await b.setGeolocation({ longitude: SITE.lng, latitude: SITE.lat, accuracy: 10 });
  for (const r of [b, c]) {
    const p = r.pages()[0];
    token = await readToken(manage, shiftId);
    await p.goto(`${linli.url}/#/packages/volunteer/checkin/index?t=${encodeURIComponent(token)}`);
    await fill(p, '#checkin-token', token);
    await p.locator('#checkin-submit').tap();
    await see(p, '#checkin-success', '签到成功');
    token = await readToken(manage, shiftId);
    await fill(p, '#checkin-token', token);
    await p.locator('#checkout-submit').tap();
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
  await see(hp, '#hours-success', '已确认 2 条');
  await hp.locator('#hours-status-confirmed').tap();
  const cUser = await userIdOf(c);
  const entry = hp.locator(`.hours-entry[data-user="${cUser}"]`).first();
  await entry.waitFor();
  await entry.locator('[id$="-adjust"]').tap();
  await fill(hp, '#hours-reason', '活动提前开始，按实际服务 2 小时补录');
  await fill(hp, '#hours-adjust-minutes', '120');
  await hp.locator('#hours-adjust-submit').tap();
  await see(hp, '#hours-success', '已调整');

  // 7. The volunteer issues and downloads the certificate; anyone can verify its serial.
  const cert = await at(c, '/packages/volunteer/hours/index');
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

  const visitor = await phoneContext(browser);
  const vp = await visitor.newPage();
  await vp.goto(`${linli.url}/#/packages/volunteer/verify/index?serial=${encodeURIComponent(serial)}`);
  await expect(vp.locator('#verify-result-serial').textContent({ timeout: 15000 })).resolves.toBe(serial);
  await expect(vp.locator('#verify-hours').textContent()).resolves.toContain('2');
  await expect(vp.locator('#verify-result').textContent()).resolves.not.toContain('赵三');
  await screenshot(vp, 'volunteering-verified');
});

test('help request reviewed before it is public, then taken up as an activity; a resident joins a team by request; district stats export CSV', async () => {
  // A resident asks for help; it stays private until the district admin approves it.
  const asker = await resident(`help-${run}`);
  const hp = await at(asker, '/packages/volunteer/help/index');
  const need = `楼上独居老人需要每周代买药品${run}`;
  const tomorrow = shanghai(Date.now() + 24 * 3600_000);
  await fill(hp, '#help-description', need);
  await fill(hp, '#help-address', '幸福里 12 号 3 楼');
  await fill(hp, '#help-date', tomorrow.date);
  await fill(hp, '#help-time', '10:00');
  await hp.locator('#help-submit').tap();
  await see(hp, '#help-success', '审核');
  await see(hp, '#help-mine', '审核中');

  const dp = await districtAdmin();
  await dp.locator('#portal-district-help').tap();
  await dp.locator('#help-review-list .v-item', { hasText: need }).locator('[id$="-approve"]').tap();
  await see(dp, '#help-review-success', '已公开');
  await hp.reload();
  await see(hp, '#help-mine', '已公开');

  // A resident finds a team nearby and asks to join; the team admin approves.
  const founder = await residentWithRealName(`org2-${run}`, '钱组织', 5);
  const teamId = await applyForTeam(founder, `绿色环保队${run}`);
  await certify(dp, teamId);
  const joiner = await resident(`join-${run}`);
  const jp = await at(joiner, '/packages/volunteer/teams/index');
  await jp.locator(`#team-${teamId}`).tap();
  await fill(jp, '#team-join-message', '周末有空，想参加环保活动');
  await jp.locator('#team-join').tap();
  await see(jp, '#team-join-success', '等待');
  const joinerId = await userIdOf(joiner);

  const fp = await at(founder, `/packages/team/members/index?team=${teamId}`);
  await fp.locator(`#join-${joinerId}-approve`).tap();
  await see(fp, '#members-success', '已通过');
  await fp.locator(`#member-${joinerId}`).waitFor();
  await jp.reload();
  await see(jp, '#team-my-membership', '已加入');

  // The team takes up the public help request and turns it into an activity.
  await at(founder, `/packages/team/home/index?team=${teamId}`);
  await fp.locator('#team-help-list .v-item', { hasText: need }).locator('[id$="-take"]').tap();
  await fp.waitForFunction(
    (text) =>
      (document.querySelector('#publish-description textarea') as HTMLTextAreaElement | null)?.value.includes(text),
    need,
    { timeout: 15000 },
  );
  const when = shanghai(Date.now() + 48 * 3600_000);
  await fp.locator('#publish-location-here').tap();
  await fp.locator('#publish-location-value', { hasText: '经度' }).waitFor();
  await fill(fp, '#shift-0-date', when.date);
  await fill(fp, '#shift-0-start', '10:00');
  await fill(fp, '#shift-0-end', '11:00');
  await fill(fp, '#shift-0-capacity', '2');
  await fp.locator('#publish-submit').tap();
  await fp.locator('#publish-done').waitFor();
  expect(await fp.locator('#publish-error').count()).toBe(0);
  await hp.reload();
  await see(hp, '#help-mine', '已转为活动');

  // District statistics, and the CSV export for Excel (UTF-8 with BOM).
  await dp.goto(`${linli.url}/#/packages/staff/portal/index`);
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
