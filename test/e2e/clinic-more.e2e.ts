/**
 * Legal-clinic journey, second part (issue 11), in Chromium through the H5 portal on the real
 * server with DEV_CLOCK_CONTROL on. D is a Saturday 3–9 days ahead: no weekly rule covers it, so
 * the one extra session the coordinator adds is the clinic's only slot that day. All dates are
 * Beijing days derived from D (any hour, any weekday).
 *
 * 1. The coordinator edits 李律师's availability: a 15-minute buffer before each consultation,
 *    leave on Thursday D−2, an extra session on D 19:00–20:00 (its one slot: 19:15); adds
 *    陈律师 from the provider candidates and verifies his licence.
 * 2. Resident A sees the map view degrade to the list (no key in tests), pages the slot weeks
 *    (Thursday without 李律师, Friday from 09:15), books D 19:15 with a PDF (a first file
 *    removed); D is now full. Resident C joins D's waitlist and leaves it (after a confirmation)
 *    from 我的候补; resident B joins and is first in line.
 * 3. The server clock moves to the evening before D (inside the 24 h notice window, by the
 *    server's clock: the browser's stays). A reschedules to Monday 09:15: without a reason the
 *    field asks for one before any confirmation; with one it moves, and the freed D 19:15 is
 *    offered to B, who sees it in 我的候补 and accepts it within the hold window.
 * 4. Past D 19:15, 李律师 marks B as not come; past Monday 09:15 the coordinator marks A as not
 *    come (both after a confirmation); the stats page counts both against 李律师's bookings.
 */
import type { Page } from 'playwright-core';
import { CLINIC, LAWYER, idOf, seeOr, serverClockTo } from './support/clinic';
import { answerModal } from './support/modal';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { beijing, chooseFile, fill, see, shanghai } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);
/** The smallest file the server takes as a PDF ("%PDF-" in its first kilobyte). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const journey = useJourney({ clock: true });

const staff = (username: string) => journey.loginAs(username);
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** A Saturday 3–9 days ahead (Beijing dates). */
function nextQuietSaturday(): string {
  const today = shanghai(Date.now());
  let ahead = (6 - today.weekday + 7) % 7;
  if (ahead < 3) ahead += 7;
  return plusDays(today.date, ahead);
}

/** The resident's details on the booking page (also what the waitlist keeps). */
async function fillDetails(page: Page, name: string): Promise<void> {
  await pickOption(page, 'book-topic', '房屋租赁');
  await fill(page, '#book-description', '房东拒绝退还押金，合同约定提前一个月通知即可退租。');
  await fill(page, '#book-name', name);
  await fill(page, '#book-phone', '13800138124');
  await page.locator('#book-consent').tap();
}

/** Joins the waitlist of the full day `day` on the booking page, then opens 我的候补: the entry's id. */
async function joinWaitlist(page: Page, day: string, name: string): Promise<string> {
  await pickDate(page, 'slot-from', day);
  await page.locator(`#slot-full-${day}`).tap();
  await see(page, '#book-wait-chosen', day);
  await fillDetails(page, name);
  await page.locator('#book-submit').tap();
  await seeOr(page, '#book-waitlisted', '已登记', '#book-error');
  await page.locator('#book-my-waitlist').tap();
  return idOf(page, '#my-waitlist .v-item', day, 'waitlist-');
}

test('availability exceptions and buffer → map, week pager, PDF booking → my waitlist → reschedule with a reason → offer accepted → no-shows', async () => {
  const day = nextQuietSaturday();
  const [thursday, friday, monday] = [plusDays(day, -2), plusDays(day, -1), plusDays(day, 2)];

  // 1. The coordinator: 15 minutes before each consultation, leave on Thursday, an extra session on D.
  const coord = await staff('demo-coordinator');
  await coord.goto(`${journey.url}/#/packages/clinic-staff/coordinator/index`);
  const providerId = await idOf(coord, '#coord-providers .v-item', LAWYER, 'provider-');
  await coord.locator(`#provider-${providerId}-schedule`).tap();
  await coord.locator('#schedule-editor').waitFor();
  await fill(coord, '#schedule-buffer-before', '15');
  const x = await coord.locator('#schedule-editor [id^="exception-"][id$="-remove"]').count();
  await coord.locator('#schedule-add-exception').tap();
  await pickDate(coord, `exception-${x}-date`, thursday);
  await coord.locator(`#exception-${x}-off`).tap();
  await coord.locator('#schedule-add-exception').tap();
  await pickDate(coord, `exception-${x + 1}-date`, day);
  await coord.locator(`#exception-${x + 1}-extra`).tap();
  await pickTime(coord, `exception-${x + 1}-start`, '19:00');
  await pickTime(coord, `exception-${x + 1}-end`, '20:00');
  await coord.locator('#schedule-save').tap();
  await seeOr(coord, '#schedule-saved', '排班已保存', '#coord-error');
  // 陈律师 holds a lawyer role here but is not a provider yet: added from the candidates, then verified.
  await pickOption(coord, 'add-provider-user', '陈律师（演示）（律师）');
  await fill(coord, '#add-provider-licence', '11101202010000003');
  await coord.locator('#add-provider-submit').tap();
  await seeOr(coord, '#add-provider-done', '已添加 陈律师（演示）', '#add-provider-error');
  const added = await idOf(coord, '#coord-providers .v-item', '陈律师（演示）', 'provider-');
  await see(coord, `#provider-${added}`, '待核验');
  await coord.locator(`#provider-${added}-verify`).tap();
  await seeOr(coord, `#provider-${added}`, '已核验', '#coord-error');

  // 2. Resident A: the map view says there is no map key and the list with distances stays.
  const a = await journey.kit.at(await journey.kit.resident(`clinic-a-${run}`), '/packages/clinic/list/index');
  await a.locator('#clinic-view-map').tap();
  await see(a, '#clinic-map-fallback', '以下按距离由近及远列出法律诊所');
  const clinicId = await idOf(a, '#clinic-list .v-item', CLINIC, 'clinic-');
  await see(a, `#clinic-${clinicId}`, '公里');
  await a.goto(`${journey.url}/#/packages/clinic/book/index?id=${clinicId}`);
  // From Thursday: 李律师 is on leave that day; Friday starts at 09:15 (the buffer); D has 19:15.
  await pickDate(a, 'slot-from', thursday);
  await see(a, `#slot-${friday}-0915`, LAWYER);
  expect(await a.locator(`#slot-${friday}-0900`).count()).toBe(0);
  expect(await a.locator(`[id^="slot-${thursday}-"]`, { hasText: LAWYER }).count()).toBe(0);
  // The week pager: the next week's Friday, then back.
  await a.locator('#slot-next-week').tap();
  await see(a, `#slot-${plusDays(friday, 7)}-0915`, LAWYER);
  await a.locator('#slot-prev-week').tap();
  await see(a, '#slot-from-value', thursday);
  const slot = a.locator(`#slot-${day}-1915`);
  await slot.waitFor();
  await fillDetails(a, `居民甲${run}`);
  // A wrong file first, removed; then the contract.
  await chooseFile(a, '#book-attach-pdf', { name: '旧合同.pdf', mimeType: 'application/pdf', buffer: PDF });
  await see(a, '#book-files', '旧合同.pdf');
  await a.locator('#book-files [id$="-remove"]').first().tap();
  await a.locator('#book-files', { hasText: '旧合同.pdf' }).waitFor({ state: 'detached' });
  await chooseFile(a, '#book-attach-pdf', { name: '租房合同.pdf', mimeType: 'application/pdf', buffer: PDF });
  await seeOr(a, '#book-files', '租房合同.pdf', '#book-attach-error');
  await slot.tap();
  await a.locator('#book-submit').tap();
  await a.waitForURL(/packages\/clinic\/my\/index/);
  const first = new URL(a.url().replace('/#/', '/')).searchParams.get('booking') ?? '';
  await see(a, `#booking-${first}-status`, '已确认');
  await see(a, `#booking-${first}`, '租房合同.pdf');
  expect(await a.locator(`#booking-${first}`, { hasText: '旧合同' }).count()).toBe(0);

  // D is full. Resident C joins its waitlist, is first, and leaves it from 我的候补.
  const c = await journey.kit.at(await journey.kit.resident(`clinic-c-${run}`), `/packages/clinic/book/index?id=${clinicId}`);
  const left = await joinWaitlist(c, day, `居民丙${run}`);
  await see(c, `#waitlist-${left}-status`, '第 1 位');
  await c.locator(`#waitlist-${left}-leave`).tap();
  await answerModal(c, 'confirm');
  await c.locator(`#waitlist-${left}`).waitFor({ state: 'detached' });
  await see(c, '#my-waitlist-empty', '暂无候补');

  // Resident B joins after C left: first in line.
  const b = await journey.kit.at(await journey.kit.resident(`clinic-b-${run}`), `/packages/clinic/book/index?id=${clinicId}`);
  const entry = await joinWaitlist(b, day, `居民乙${run}`);
  await see(b, `#waitlist-${entry}-status`, '第 1 位');

  // 3. The evening before D: inside the clinic's 24 h window by the server's clock. A moves to Monday 09:15.
  await serverClockTo(journey.linli, beijing(plusDays(day, -1), '20:00'));
  await a.locator(`#booking-${first}-open`).tap();
  await a.waitForURL(/packages\/clinic\/booking\/index/);
  // The list stays in the page stack with the same ids, hidden once the detail page has slid in:
  // wait for that, then act on the shown page.
  await a.locator('#my-clinic-bookings').waitFor({ state: 'hidden' });
  await a.locator(`#booking-${first}-reschedule`).filter({ visible: true }).tap();
  await see(a, '.field:has(#move-reason)', '须填写');
  await pickDate(a, 'move-from', monday);
  await a.locator(`#move-${monday}-0915`).tap();
  await see(a, '#move-chosen', '09:15');
  // No reason: the field says so at once, before any confirmation.
  await a.locator('#move-submit').tap();
  await see(a, '#move-reason-error', '请填写原因');
  await fill(a, '#move-reason', '周六临时加班，改到周一上午。');
  await a.locator('#move-submit').tap();
  await answerModal(a, 'confirm');
  await a.waitForURL(new RegExp(`packages/clinic/booking/index\\?id=(?!${first})`));
  const moved = new URL(a.url().replace('/#/', '/')).searchParams.get('id') ?? '';
  await see(a, `#booking-${moved}-time`, '09:15');
  await see(a, `#booking-${moved}-status`, '已确认');

  // The freed D 19:15 is offered to B (我的候补 says so), who accepts it inside the hold window.
  await b.goto(`${journey.url}/#/packages/clinic/my/index`);
  await see(b, `#waitlist-${entry}-offer`, '19:15');
  const offer = await idOf(b, '#my-clinic-bookings .v-item', '候补名额待确认', 'booking-');
  await b.locator(`#booking-${offer}-accept`).tap();
  await seeOr(b, `#booking-${offer}-status`, '已确认', '#my-clinic-error');

  // 4. D 19:25: B has not come. 李律师 marks it in the agenda, after confirming.
  await serverClockTo(journey.linli, beijing(day, '19:25'));
  const lawyer = await staff('demo-lawyer');
  await lawyer.goto(`${journey.url}/#/packages/clinic-staff/agenda/index`);
  await pickDate(lawyer, 'agenda-from', day);
  await see(lawyer, `#agenda-${offer}`, `居民乙${run}`);
  await lawyer.locator(`#no-show-${offer}-resident`).tap();
  await answerModal(lawyer, 'confirm');
  await seeOr(lawyer, `#agenda-${offer}`, '未到场', '#agenda-error');

  // Monday 09:25: A has not come either; the coordinator marks it on the clinic's bookings.
  await serverClockTo(journey.linli, beijing(monday, '09:25'));
  await coord.reload();
  await coord.locator(`#no-show-${moved}-resident`).tap();
  await answerModal(coord, 'confirm');
  await seeOr(coord, `#coord-booking-${moved}`, '未到场', '#coord-error');

  // The stats page counts both with 李律师's consultations.
  await coord.goto(`${journey.url}/#/packages/clinic-staff/stats/index`);
  await coord.locator('#stats-by-provider').waitFor();
  await pickDate(coord, 'stats-to', monday);
  await coord
    .locator('#stats-by-provider [id^="stats-provider-"]', { hasText: LAWYER })
    .filter({ hasText: '居民未到 2 · 本人未到 0' })
    .waitFor();
}, 480000);
