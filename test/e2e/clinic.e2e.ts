/**
 * Legal-clinic journey in Chromium, through the H5 portal served by the real server
 * (`npm start` as-is: embedded DB, WeChat sandbox, demo clinics and accounts), with
 * DEV_CLOCK_CONTROL on so the test can let the consultation's start pass:
 *
 * 1. the coordinator switches the clinic to lawyer confirmation and gives 李律师 an evening
 *    session two days ahead (availability editor: weekday and time pickers);
 * 2. a resident books that slot (topic picker, mode, consent); 李律师 confirms it in the agenda,
 *    where 填写咨询记录 is not offered before the start;
 * 3. the test moves the server clock past the start (POST /api/dev/clock) and 李律师 records
 *    转调解; the coordinator finds the mediation case in the committee's queue and records
 *    达成协议 with its text;
 * 4. the resident reads the summary and rates it, and finds the case under 我的调解 (where the
 *    parties' notices link) with 达成协议 and the agreement; the stats page counts the agreement
 *    in the success rate.
 */
import { CLINIC, LAWYER, idOf, seeOr, serverClockTo } from './support/clinic';
import { answerModal } from './support/modal';
import { pickDate, pickOption, pickTime } from './support/pickers';
import { beijing, fill, see, shanghai } from './support/volunteering';
import { useJourney } from './support/journey';

/** Weekday labels of the availability editor, indexed by JS getDay() (0 = Sunday). */
const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney({ clock: true });

const staff = (username: string) => journey.loginAs(username);

test('availability → booking → confirmation → 转调解 → agreement → summary, rating and success rate', async () => {
  // Two days ahead, 19:00 Beijing time: no demo rule covers the evening, so the slot is ours.
  const day = shanghai(Date.now() + 2 * 86400_000);
  const startsAt = beijing(day.date, '19:00');

  // 1. The coordinator: bookings now wait for the lawyer; 李律师 gets an evening session.
  const coord = await staff('demo-coordinator');
  await coord.goto(`${journey.url}/#/packages/clinic-staff/coordinator/index`);
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
  const resident = await journey.kit.resident(`clinic-resident-${run}`);
  const rp = await journey.kit.at(resident, '/packages/clinic/list/index');
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
  await lawyer.goto(`${journey.url}/#/packages/clinic-staff/agenda/index`);
  await see(lawyer, `#agenda-${bookingId}`, `居民${run}`);
  await lawyer.locator(`#agenda-${bookingId}-confirm`).tap();
  await see(lawyer, `#agenda-${bookingId}`, '已确认');

  // Before the start there is no 填写咨询记录 (the DTO's record ability follows the server's clock).
  expect(await lawyer.locator(`#agenda-${bookingId}-record`).count()).toBe(0);

  // 3. Time passes: 10 minutes after the start. Now the lawyer records 转调解.
  await serverClockTo(journey.linli, startsAt + 10 * 60_000);
  await lawyer.reload();
  await lawyer.locator(`#agenda-${bookingId}-record`).tap();
  await fill(lawyer, `#record-${bookingId}-notes`, '对方拖欠抚养费 8 个月，有转账记录。');
  await fill(lawyer, `#record-${bookingId}-summary`, '建议先由人民调解委员会调解，调解不成可向法院申请强制执行。');
  await pickOption(lawyer, `record-${bookingId}-outcome`, '转调解');
  await lawyer.locator(`#record-${bookingId}-submit`).tap();
  await see(lawyer, `#agenda-${bookingId}`, '已发布');

  // The coordinator finds the case in the committee's queue and records the agreement.
  await coord.goto(`${journey.url}/#/packages/clinic-staff/cases/index`);
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

  // 我的调解, as the parties' notices link to it (the case highlighted): the outcome and the agreement.
  await rp.goto(`${journey.url}/#/packages/clinic/my/index?case=${caseId}`);
  await rp.reload(); // only the hash changed: load the page afresh with its new query
  await see(rp, `#mediation-${caseId}-status`, '达成协议');
  await see(rp, `#mediation-${caseId}-agreement`, '按月支付抚养费 1500 元');
  expect(await rp.locator(`#mediation-${caseId}`).getAttribute('class')).toContain('v-item--focus');

  // The stats page, up to the (moved) consultation day, counts the agreement in the success rate.
  await coord.goto(`${journey.url}/#/packages/clinic-staff/stats/index`);
  await coord.locator('#stats-success').waitFor();
  await pickDate(coord, 'stats-to', day.date);
  await see(coord, '#stats-success', '达成协议 1 件');
  await see(coord, '#stats-success', '调解成功率 100.0%');
  await see(coord, '#stats-body', '平均评分');
}, 300000);
