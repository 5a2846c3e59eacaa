/**
 * Legal-clinic journey, second part (issue 11), in Chromium through the H5 portal on the real
 * server with DEV_CLOCK_CONTROL on. D is a Saturday 3–9 days ahead: no weekly rule covers it, so
 * the one extra session the coordinator adds is the clinic's only slot that day.
 *
 * 1. The coordinator gives 李律师 a date exception: an extra session on D, 19:00–20:00.
 * 2. Resident A books D 19:00 with a PDF attached; D is now full. Resident B finds D among the
 *    full days and joins its waitlist.
 * 3. The server clock moves to the evening before D (inside the 24 h notice window). A reschedules
 *    to Monday 09:00: without a reason the reason field says it is needed; with one it moves, and
 *    the freed D 19:00 is offered to B, who accepts it within the hold window.
 * 4. The clock passes D 19:00; 李律师 marks B as not come (after a confirmation); the stats page
 *    shows the no-show against 李律师.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { CLINIC, LAWYER, idOf, seeOr, serverClockTo, staff as staffLogin } from './support/clinic';
import { answerModal } from './support/modal';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { startLinli, type RunningLinli } from './support/server';
import { beijing, chooseFile, fill, see, shanghai, volunteeringKit, type VolunteeringKit } from './support/volunteering';

const run = Math.random().toString(36).slice(2, 8);
/** The smallest file the server takes as a PDF ("%PDF-" in its first kilobyte). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

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

const staff = (username: string) => staffLogin(kit, username);
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

test('date exception → booking with a PDF → waitlist → reschedule with a reason → offer accepted → no-show', async () => {
  const day = nextQuietSaturday();
  const monday = plusDays(day, 2);

  // 1. The coordinator adds an extra session on D for 李律师.
  const coord = await staff('demo-coordinator');
  await coord.goto(`${linli.url}/#/packages/clinic-staff/coordinator/index`);
  const providerId = await idOf(coord, '#coord-providers .v-item', LAWYER, 'provider-');
  await coord.locator(`#provider-${providerId}-schedule`).tap();
  await coord.locator('#schedule-editor').waitFor();
  const x = await coord.locator('#schedule-editor [id^="exception-"][id$="-remove"]').count();
  await coord.locator('#schedule-add-exception').tap();
  await coord.locator(`#exception-${x}`).waitFor();
  await pickDate(coord, `exception-${x}-date`, day);
  await coord.locator(`#exception-${x}-extra`).tap();
  await pickTime(coord, `exception-${x}-start`, '19:00');
  await pickTime(coord, `exception-${x}-end`, '20:00');
  await coord.locator('#schedule-save').tap();
  await seeOr(coord, '#schedule-saved', '排班已保存', '#coord-error');

  // 2. Resident A books D 19:00 and attaches a PDF.
  const a = await kit.at(await kit.resident(`clinic-a-${run}`), '/packages/clinic/list/index');
  const clinicId = await idOf(a, '#clinic-list .v-item', CLINIC, 'clinic-');
  await a.goto(`${linli.url}/#/packages/clinic/book/index?id=${clinicId}`);
  await pickDate(a, 'slot-from', day);
  const slot = a.locator(`#slot-${day}-1900`);
  await slot.waitFor();
  await fillDetails(a, `居民甲${run}`);
  await chooseFile(a, '#book-attach-pdf', { name: '租房合同.pdf', mimeType: 'application/pdf', buffer: PDF });
  await seeOr(a, '#book-files', '租房合同.pdf', '#book-attach-error');
  await slot.tap();
  await a.locator('#book-submit').tap();
  await a.waitForURL(/packages\/clinic\/my\/index/);
  const first = new URL(a.url().replace('/#/', '/')).searchParams.get('booking') ?? '';
  await see(a, `#booking-${first}-status`, '已确认');
  await see(a, `#booking-${first}`, '租房合同.pdf');

  // Resident B finds D full and joins its waitlist with the same kind of details.
  const b = await kit.at(await kit.resident(`clinic-b-${run}`), `/packages/clinic/book/index?id=${clinicId}`);
  await pickDate(b, 'slot-from', day);
  await b.locator(`#slot-full-${day}`).tap();
  await see(b, '#book-wait-chosen', day);
  await fillDetails(b, `居民乙${run}`);
  await b.locator('#book-submit').tap();
  await seeOr(b, '#book-waitlisted', '已登记', '#book-error');

  // 3. The evening before D: inside the clinic's 24 h window. A moves to Monday 09:00.
  await serverClockTo(linli, beijing(plusDays(day, -1), '20:00'));
  await a.locator(`#booking-${first}-open`).tap();
  // The list stays in the page stack (hidden), with the same ids: act on the shown page.
  await a.locator(`#booking-${first}-reschedule`).filter({ visible: true }).tap();
  await pickDate(a, 'move-from', monday);
  await a.locator(`#move-${monday}-0900`).tap();
  await see(a, '#move-chosen', '09:00');
  await a.locator('#move-submit').tap();
  await answerModal(a, 'confirm');
  await see(a, '#move-reason-error', '请填写原因');
  await fill(a, '#move-reason', '周六临时加班，改到周一上午。');
  await a.locator('#move-submit').tap();
  await answerModal(a, 'confirm');
  await a.waitForURL(/packages\/clinic\/booking\/index/);
  const moved = new URL(a.url().replace('/#/', '/')).searchParams.get('id') ?? '';
  await see(a, `#booking-${moved}-time`, '09:00');
  await see(a, `#booking-${moved}-status`, '已确认');

  // The freed D 19:00 is offered to B, who accepts it inside the hold window.
  await b.goto(`${linli.url}/#/packages/clinic/my/index`);
  const offer = await idOf(b, '#my-clinic-bookings .v-item', '候补名额待确认', 'booking-');
  await b.locator(`#booking-${offer}-accept`).tap();
  await seeOr(b, `#booking-${offer}-status`, '已确认', '#my-clinic-error');

  // 4. D 19:10: B has not come. 李律师 marks it in the agenda, after confirming.
  await serverClockTo(linli, beijing(day, '19:10'));
  const lawyer = await staff('demo-lawyer');
  await lawyer.goto(`${linli.url}/#/packages/clinic-staff/agenda/index`);
  await pickDate(lawyer, 'agenda-from', day);
  await see(lawyer, `#agenda-${offer}`, `居民乙${run}`);
  await lawyer.locator(`#no-show-${offer}-resident`).tap();
  await answerModal(lawyer, 'confirm');
  await seeOr(lawyer, `#agenda-${offer}`, '未到场', '#agenda-error');

  // The stats page counts it against 李律师.
  await coord.goto(`${linli.url}/#/packages/clinic-staff/stats/index`);
  await coord.locator('#stats-by-provider').waitFor();
  await pickDate(coord, 'stats-to', day);
  await see(coord, '#stats-by-provider', '居民未到 1');
  await see(coord, '#stats-by-provider', LAWYER);
}, 400000);
