/**
 * Helpers for the volunteering journeys (volunteering*.e2e.ts): sign-ins,
 * team founding and certification, publishing through the team admin's form, and
 * small page utilities. Everything goes through the H5 pages a user would use.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCardCheckChar } from '@shared/idcard';
import { agreeToPrivacyPolicy, phoneContext } from './browser';
import { answerModal } from './modal';
import { pickDate, pickTime } from './pickers';
import type { RunningLinli } from './server';

export const SITE = { lng: 121.4737, lat: 31.2304 };
export const ADMIN = { username: 'admin', password: 'linli-admin-2026' };
/** The password of every demo staff account (demo-coordinator, demo-lawyer, demo-dispatcher, demo-handler …). */
export const DEMO_PASSWORD = 'linli-demo-2026';

/** A valid ID number (region 110101, a birth date, sequence, check char). */
export function idNumber(seq: number): string {
  const base = `11010119900307${String(100 + seq).padStart(3, '0')}`;
  return base + idCardCheckChar(base);
}

/** Beijing wall-clock date, HH:MM and weekday (0 = Sunday) of a moment. */
export function shanghai(ms: number): { date: string; time: string; weekday: number } {
  const d = new Date(ms + 8 * 3600_000);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: d.getUTCDay() };
}

/** A moment given as a Beijing date plus HH:MM. */
export function beijing(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+08:00`);
}

/**
 * A moment `days` Beijing days from today at a Beijing HH:MM: an explicit day, never "now + n
 * hours" (which may cross midnight; the date pickers offer today onwards).
 */
export function beijingAt(days: number, hhmm: string): number {
  return beijing(shanghai(Date.now() + days * 24 * 3600_000).date, hhmm);
}

/**
 * The dev WeChat sandbox's URL, from the server's info log line (start Linli with LOG_LEVEL=info).
 * Development logs are pretty-printed, not JSON, so the URL is read from the text after it.
 */
export function sandboxUrlFrom(output: string): string {
  // JSON logs carry the url on the same line; pretty-printed ones on the line after it.
  const at = output.indexOf('WeChat sandbox started');
  const url = at >= 0 ? /https?:\/\/[\w.-]+:\d+/.exec(output.slice(at, at + 400))?.[0] : undefined;
  if (url) return url;
  throw new Error('the server did not log the WeChat sandbox URL');
}

export async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} input, ${selector} textarea, textarea${selector}`).first();
  await input.fill(value);
}

/** Waits until the element shows the text (messages re-render after each action). */
export async function see(page: Page, selector: string, text: string, timeout = 20000): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout });
}

/** What a phone's browser reports as its position (WGS-84, as a real one would). */
export type Geolocation = { longitude: number; latitude: number; accuracy?: number };

/**
 * Signs in on the staff login page the phone shows: username and password, then the privacy
 * consent when it is asked for (first login), until the portal's entries show.
 */
export async function signInStaff(page: Page, username: string, password: string): Promise<void> {
  await fill(page, '#staff-username', username);
  await fill(page, '#staff-password', password);
  await page.locator('#staff-login-submit').tap();
  await page.locator('#portal-entries, #consent-agree').first().waitFor();
  if (await page.locator('#consent-agree').isVisible()) await agreeToPrivacyPolicy(page);
  await page.locator('#portal-entries').waitFor();
}

export interface PublishOptions {
  title: string;
  description?: string;
  address?: string;
  category?: string;
  skills?: string;
  /** Shift start and end as epoch ms. */
  start: number;
  end: number;
  capacity?: number;
  requiresApproval?: boolean;
  checkinRequired?: boolean;
  /** Cancellation deadline (epoch ms); blank = the first shift's start. */
  cancelDeadline?: number;
}

export interface VolunteeringKit {
  at(ctx: BrowserContext, hashPath: string): Promise<Page>;
  /** A fresh phone standing at SITE, location permission granted. */
  newPhone(): Promise<BrowserContext>;
  /** A fresh phone whose browser reports this (WGS-84) position, location permission granted. */
  phoneAt(geolocation: Geolocation): Promise<BrowserContext>;
  /** Staff sign-in on the portal (username + password) on a fresh phone, through the consent if asked. */
  staff(username: string, password: string): Promise<Page>;
  resident(openid: string): Promise<BrowserContext>;
  residentWithRealName(openid: string, name: string, seq: number): Promise<BrowserContext>;
  certifiedTeam(openid: string, name: string, seq: number, teamName: string): Promise<{ organiser: BrowserContext; teamId: string }>;
  districtAdmin(): Promise<Page>;
  applyForTeam(organiser: BrowserContext, name: string): Promise<string>;
  certify(dp: Page, teamId: string): Promise<void>;
  registerVolunteer(ctx: BrowserContext, skills?: string): Promise<Page>;
  publish(organiser: BrowserContext, teamId: string, o: PublishOptions): Promise<string>;
  openActivity(ctx: BrowserContext, activityId: string): Promise<Page>;
  signUpFirstShift(page: Page, expected: string): Promise<void>;
  userIdOf(ctx: BrowserContext): Promise<string>;
}

export function volunteeringKit(linli: RunningLinli, browser: Browser): VolunteeringKit {
  async function at(ctx: BrowserContext, hashPath: string): Promise<Page> {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${linli.url}/#${hashPath}`);
    return page;
  }

  async function phoneAt(geolocation: Geolocation): Promise<BrowserContext> {
    const ctx = await phoneContext(browser, { geolocation });
    await ctx.grantPermissions(['geolocation'], { origin: linli.url });
    return ctx;
  }

  async function newPhone(): Promise<BrowserContext> {
    return phoneAt({ longitude: SITE.lng, latitude: SITE.lat, accuracy: 10 });
  }

  /** Sandbox WeChat login → privacy consent; lands on 我的. */
  async function resident(openid: string): Promise<BrowserContext> {
    const ctx = await newPhone();
    const page = await at(ctx, '/packages/staff/login/index');
    await fill(page, '#dev-openid', openid);
    await page.locator('#dev-login-submit').tap();
    await agreeToPrivacyPolicy(page);
    await page.waitForURL(/pages\/me\/index/);
    // The URL changes before Taro's switchTab has shown the tab: a page opened in between
    // would end up hidden behind 我的. Its signed-in section being visible means it is done.
    await page.locator('#privacy-section').waitFor({ state: 'visible' });
    return ctx;
  }

  async function residentWithRealName(openid: string, name: string, seq: number): Promise<BrowserContext> {
    const ctx = await resident(openid);
    const page = ctx.pages()[0];
    await fill(page, '#realname-name', name);
    await fill(page, '#realname-id', idNumber(seq));
    await page.locator('#realname-submit').tap();
    // The confirmation step (name and masked ID, 提交后不可自行修改) before anything is sent.
    await page.locator('#realname-confirm-submit').tap();
    await page.locator('#realname-status').waitFor();
    return ctx;
  }

  /** Staff sign-in on the portal, on a fresh phone. */
  async function staff(username: string, password: string): Promise<Page> {
    const page = await at(await newPhone(), '/packages/staff/login/index');
    await signInStaff(page, username, password);
    return page;
  }

  async function districtAdmin(): Promise<Page> {
    return staff(ADMIN.username, ADMIN.password);
  }

  async function applyForTeam(organiser: BrowserContext, name: string): Promise<string> {
    const op = await at(organiser, '/packages/volunteer/team-apply/index');
    await fill(op, '#team-apply-name', name);
    await fill(op, '#team-apply-hostOrg', '光明社区居委会');
    await fill(op, '#team-apply-serviceArea', '光明街道');
    await fill(op, '#team-apply-address', '光明路 1 号');
    await fill(op, '#team-apply-contactName', '周组织');
    await fill(op, '#team-apply-contactPhone', '13800138001');
    await op.locator('#team-apply-location-here').tap();
    await op.locator('#team-apply-location-value', { hasText: '经度' }).waitFor();
    await op.locator('#team-apply-submit').tap();
    const teamId = (await op.locator('#team-apply-done').getAttribute('data-team-id')) ?? '';
    if (!/^[0-9a-f]{24}$/.test(teamId)) throw new Error(`no team id: ${teamId}`);
    return teamId;
  }

  async function certify(dp: Page, teamId: string): Promise<void> {
    await dp.goto(`${linli.url}/#/packages/staff/portal/index`);
    await dp.locator('#portal-district-teams').tap();
    await dp.locator(`#district-team-${teamId}-certify`).tap();
    await answerModal(dp, 'confirm');
    await see(dp, '#district-teams-success', '已认证');
  }

  /** A resident founds a team through the pages, the district admin certifies it, and they become its admin. */
  async function certifiedTeam(openid: string, name: string, seq: number, teamName: string) {
    const organiser = await residentWithRealName(openid, name, seq);
    const teamId = await applyForTeam(organiser, teamName);
    await certify(await districtAdmin(), teamId);
    // The app reloads the user (now holding the team_admin grant) at start.
    await (await at(organiser, '/pages/activity/index')).reload();
    return { organiser, teamId };
  }

  async function registerVolunteer(ctx: BrowserContext, skills = '助老'): Promise<Page> {
    const page = await at(ctx, '/packages/volunteer/register/index');
    await fill(page, '#volunteer-skills', skills);
    await page.locator('#volunteer-submit').tap();
    await page.locator('#volunteer-no').waitFor();
    return page;
  }

  /** The team admin's publish form; returns the new activity's id. */
  async function publish(organiser: BrowserContext, teamId: string, o: PublishOptions): Promise<string> {
    // The time picker has no seconds: a start with seconds would be published earlier than asked.
    if (o.start % 60_000 !== 0 || o.end % 60_000 !== 0) throw new Error('publish: shift times must be whole minutes');
    const op = await at(organiser, `/packages/team/publish/index?team=${teamId}`);
    await fill(op, '#publish-title', o.title);
    await fill(op, '#publish-description', o.description ?? '欢迎邻居们参加。');
    await fill(op, '#publish-address', o.address ?? '光明路 1 号活动室');
    if (o.skills) await fill(op, '#publish-skills', o.skills);
    if (o.category) await op.locator(`#publish-category-${o.category}`).tap();
    await op.locator('#publish-location-here').tap();
    await op.locator('#publish-location-value', { hasText: '经度' }).waitFor();
    const s = shanghai(o.start);
    const e = shanghai(o.end);
    await pickDate(op, 'shift-0-date', s.date);
    await pickTime(op, 'shift-0-start', s.time);
    await pickTime(op, 'shift-0-end', e.time);
    if (e.date !== s.date) await op.locator('#shift-0-overnight').tap();
    await fill(op, '#shift-0-capacity', String(o.capacity ?? 5));
    if (o.cancelDeadline !== undefined) {
      const c = shanghai(o.cancelDeadline);
      await pickDate(op, 'publish-cancel-date', c.date);
      await pickTime(op, 'publish-cancel-time', c.time);
    }
    if (o.requiresApproval) await op.locator('#publish-approval').tap();
    if (o.checkinRequired === false) await op.locator('#publish-checkin-required').tap();
    await op.locator('#publish-submit').tap();
    await op.locator('#publish-done, #publish-error').first().waitFor();
    if (await op.locator('#publish-error').isVisible()) {
      throw new Error(`publish refused: ${await op.locator('#publish-error').textContent()}`);
    }
    const id = (await op.locator('#publish-done').getAttribute('data-activity-id')) ?? '';
    if (!/^[0-9a-f]{24}$/.test(id)) throw new Error(`no activity id: ${id}`);
    return id;
  }

  async function openActivity(ctx: BrowserContext, activityId: string): Promise<Page> {
    const page = await at(ctx, `/packages/volunteer/activity/index?id=${activityId}`);
    await page.locator('#activity-title').waitFor();
    return page;
  }

  async function signUpFirstShift(page: Page, expected: string): Promise<void> {
    const shift = page.locator('.shift').first();
    await shift.waitFor();
    const shiftId = ((await shift.getAttribute('id')) ?? '').replace(/^shift-/, '');
    await page.locator(`#shift-${shiftId}-signup`).tap();
    await see(page, '#activity-action-success', expected);
  }

  async function userIdOf(ctx: BrowserContext): Promise<string> {
    const raw = await ctx.pages()[0].evaluate(() => localStorage.getItem('linli.user'));
    const parsed = JSON.parse(raw ?? 'null') as { id?: string; data?: { id: string } } | null;
    const id = parsed?.data?.id ?? parsed?.id;
    if (!id) throw new Error('no user in storage');
    return id;
  }

  return {
    at,
    newPhone,
    phoneAt,
    staff,
    resident,
    residentWithRealName,
    districtAdmin,
    applyForTeam,
    certify,
    certifiedTeam,
    registerVolunteer,
    publish,
    openActivity,
    signUpFirstShift,
    userIdOf,
  };
}

/** A real JPEG, encoded by the browser's canvas (so the H5 chooser can decode it, like a phone photo). */
export async function canvasJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 48;
    const g = c.getContext('2d')!;
    g.fillStyle = '#0f7b55';
    g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#ffd400';
    g.fillRect(16, 12, 32, 24);
    return c.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** A valid 1×1 GIF: browsers show it, the gallery refuses the type. */
export const TINY_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** Taps a button that opens the H5 file chooser and hands it a file. */
export async function chooseFile(
  page: Page,
  trigger: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(trigger).tap()]);
  await chooser.setFiles(file);
}
