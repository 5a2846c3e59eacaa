/**
 * Legal-clinic journey in Chromium, through the H5 portal served by the real server
 * (`npm start` as-is: embedded DB, WeChat sandbox, demo clinics and accounts), with
 * DEV_CLOCK_CONTROL on so the test can let the consultation's start pass:
 *
 * 1. the coordinator switches the clinic to lawyer confirmation and gives 李律师 an evening
 *    session two days ahead (availability editor: weekday and time pickers);
 * 2. a resident books that slot (topic picker, mode, consent); 李律师 confirms it in the agenda
 *    and fills in the record (转调解), which is refused before the start;
 * 3. the test moves the server clock past the start (POST /api/dev/clock) and the same record is
 *    accepted; the coordinator finds the mediation case in the committee's queue and records
 *    达成协议 with its text;
 * 4. the resident reads the summary and rates it; the stats page counts the agreement in the
 *    success rate.
 */
import type { Browser, Page } from 'playwright-core';
import { agreeToPrivacyPolicy, launchBrowser } from './support/browser';
import { answerModal } from './support/modal';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { startLinli, type RunningLinli } from './support/server';
import { beijing, fill, see, shanghai, volunteeringKit, type VolunteeringKit } from './support/volunteering';

const DEMO_PASSWORD = 'linli-demo-2026';
const CLINIC = '幸福里社区法律诊所';
const LAWYER = '李律师（演示）';
/** Weekday labels of the availability editor, indexed by JS getDay() (0 = Sunday). */
const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const run = Math.random().toString(36).slice(2, 8);

let linli: RunningLinli;
let browser: Browser;
let kit: VolunteeringKit;

beforeAll(async () => {
  linli = await startLinli({ DEV_CLOCK_CONTROL: 'true' });
  browser = await launchBrowser();
  kit = volunteeringKit(linli, browser);
}, 180000);

afterAll(async () => {
  await browser?.close();
  await linli?.stop();
});

/** Staff login on the portal, through the privacy consent when asked. */
async function staff(username: string): Promise<Page> {
  const ctx = await kit.newPhone();
  const page = await kit.at(ctx, '/packages/staff/login/index');
  await fill(page, '#staff-username', username);
  await fill(page, '#staff-password', DEMO_PASSWORD);
  await page.locator('#staff-login-submit').tap();
  await page.locator('#portal-entries, #consent-agree').first().waitFor();
  if (await page.locator('#consent-agree').isVisible()) await agreeToPrivacyPolicy(page);
  await page.locator('#portal-entries').waitFor();
  return page;
}

/** The id suffix of the first element under `scope` whose text has `text` (ids look like `<prefix><id>`). */
async function idOf(page: Page, selector: string, text: string, prefix: string): Promise<string> {
  const el = page.locator(selector, { hasText: text }).first();
  await el.waitFor();
  const id = ((await el.getAttribute('id')) ?? '').slice(prefix.length);
  if (!/^[0-9a-f]{24}$/.test(id)) throw new Error(`no id on ${selector} with "${text}": ${id}`);
  return id;
}

/** Waits for the text, or fails with what the page's error notice says instead. */
async function seeOr(page: Page, selector: string, text: string, errorSelector: string): Promise<void> {
  await page.locator(`${selector}:has-text("${text}"), ${errorSelector}`).first().waitFor({ timeout: 20000 });
  const error = page.locator(errorSelector);
  if (await error.isVisible()) throw new Error(`${errorSelector}: ${await error.textContent()}`);
}

test('availability → booking → confirmation → 转调解 → agreement → summary, rating and success rate', async () => {
  // Two days ahead, 19:00 Beijing time: no demo rule covers the evening, so the slot is ours.
  const day = shanghai(Date.now() + 2 * 86400_000);
  const startsAt = beijing(day.date, '19:00');

  // 1. The coordinator: bookings now wait for the lawyer; 李律师 gets an evening session.
  const coord = await staff('demo-coordinator');
  await coord.goto(`${linli.url}/#/packages/clinic-staff/coordinator/index`);
  await coord.locator('#coord-confirm-mode').waitFor();
  if ((await coord.locator('#coord-confirm-mode').textContent())?.includes('自动确认')) {
    await coord.locator('#coord-toggle-confirm').tap();
  }
  await see(coord, '#coord-confirm-mode', '律师确认后生效');
  const providerId = await idOf(coord, '#coord-providers .v-item', LAWYER, 'provider-');
  await coord.locator(`#provider-${providerId}-schedule`).tap();
  await coord.locator('#schedule-editor').waitFor();
  const rule = await coord.locator('#schedule-editor [id$="-remove"]').count();
  await coord.locator('#schedule-add-rule').tap();
  await coord.locator(`#rule-${rule}`).waitFor();
  await pickOption(coord, `rule-${rule}-weekday`, WEEKDAY_LABELS[day.weekday]);
  await pickTime(coord, `rule-${rule}-start`, '19:00');
  await pickTime(coord, `rule-${rule}-end`, '20:00');
  await coord.locator('#schedule-save').tap();
  await seeOr(coord, '#schedule-saved', '排班已保存', '#coord-error');

  // 2. A resident finds the clinic and books the evening slot.
  const resident = await kit.resident(`clinic-resident-${run}`);
  const rp = await kit.at(resident, '/packages/clinic/list/index');
  const clinicId = await idOf(rp, '#clinic-list .v-item', CLINIC, 'clinic-');
  await rp.locator(`#clinic-${clinicId}-book`).tap();
  const slot = rp.locator(`#slot-${day.date}-1900`);
  await slot.waitFor();
  await pickOption(rp, 'book-topic', '婚姻家庭');
  await rp.locator('#book-mode-phone').tap();
  await fill(rp, '#book-description', '离婚后孩子抚养费一直没有按时支付，想咨询如何主张。');
  await fill(rp, '#book-name', `居民${run}`);
  await fill(rp, '#book-phone', '13800138123');
  await slot.tap();
  await see(rp, '#book-chosen', '19:00');
  await rp.locator('#book-consent').tap();
  await rp.locator('#book-submit').tap();
  await rp.waitForURL(/packages\/clinic\/my\/index/);
  const bookingId = new URL(rp.url().replace('/#/', '/')).searchParams.get('booking') ?? '';
  expect(bookingId).toMatch(/^[0-9a-f]{24}$/);
  await see(rp, `#booking-${bookingId}-status`, '待律师确认');

  // The lawyer confirms it in the agenda (week view).
  const lawyer = await staff('demo-lawyer');
  await lawyer.goto(`${linli.url}/#/packages/clinic-staff/agenda/index`);
  await see(lawyer, `#agenda-${bookingId}`, `居民${run}`);
  await lawyer.locator(`#agenda-${bookingId}-confirm`).tap();
  await see(lawyer, `#agenda-${bookingId}`, '已确认');

  // The lawyer fills in the record, 转调解; before the start the server refuses it.
  await lawyer.locator(`#agenda-${bookingId}-record`).tap();
  await fill(lawyer, `#record-${bookingId}-notes`, '对方拖欠抚养费 8 个月，有转账记录。');
  await fill(lawyer, `#record-${bookingId}-summary`, '建议先由人民调解委员会调解，调解不成可向法院申请强制执行。');
  await pickOption(lawyer, `record-${bookingId}-outcome`, '转调解');
  await lawyer.locator(`#record-${bookingId}-submit`).tap();
  await see(lawyer, `#record-${bookingId}-error`, '咨询开始后才能填写记录');

  // 3. Time passes: 10 minutes after the start. The same record is now accepted.
  const res = await fetch(`${linli.url}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: startsAt + 10 * 60_000 - Date.now() }),
  });
  expect(res.status).toBe(200);
  await lawyer.locator(`#record-${bookingId}-submit`).tap();
  await see(lawyer, `#agenda-${bookingId}`, '已发布');

  // The coordinator finds the case in the committee's queue and records the agreement.
  await coord.goto(`${linli.url}/#/packages/clinic-staff/cases/index`);
  const caseId = await idOf(coord, '#cases-list .v-item', `居民${run}`, 'case-');
  await see(coord, `#case-${caseId}`, '咨询转调解');
  await fill(coord, `#case-${caseId}-agreement`, '双方同意自下月起按月支付抚养费 1500 元，并于三个月内补足欠款。');
  await coord.locator(`#case-${caseId}-agreement-submit`).tap();
  await answerModal(coord, 'confirm');
  await coord.locator(`#case-${caseId}`).waitFor({ state: 'detached' });
  await coord.locator('#cases-closed').tap();
  await see(coord, `#case-${caseId}-outcome`, '达成协议');
  await see(coord, `#case-${caseId}`, '按月支付抚养费 1500 元');

  // 4. The resident reads the summary and rates it.
  await rp.reload();
  await see(rp, `#booking-${bookingId}-summary`, '转调解');
  await see(rp, `#booking-${bookingId}-summary`, '人民调解委员会调解');
  await rp.locator(`#booking-${bookingId}-star-4`).tap();
  await rp.locator(`#booking-${bookingId}-rate`).tap();
  await see(rp, `#booking-${bookingId}-rated`, '★★★★');
  expect((await rp.locator(`#booking-${bookingId}-rated`).textContent())?.match(/★/g)).toHaveLength(4);

  // The stats page, up to the (moved) consultation day, counts the agreement in the success rate.
  await coord.goto(`${linli.url}/#/packages/clinic-staff/stats/index`);
  await coord.locator('#stats-success').waitFor();
  await pickDate(coord, 'stats-to', day.date);
  await see(coord, '#stats-success', '达成协议 1 件');
  await see(coord, '#stats-success', '调解成功率 100.0%');
  await see(coord, '#stats-body', '平均评分');
}, 300000);

