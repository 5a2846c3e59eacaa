/**
 * Identity and account security (issue 16), in Chromium on the H5 portal served by the real server:
 * (a) a resident's 实名认证 goes through its confirmation step (name, masked ID, 提交后不可自行修改);
 * (b) the district admin finds the resident by full real name, tries a correction with three
 *     bad fields (all three messages at once), cancels the confirmation, then corrects it;
 * (c) the district admin changes their password from the staff portal (wrong current password
 *     refused on its field first).
 * The journey kit fails any of them on a page error or a console.error.
 */
import { idCardCheckChar } from '@shared/idcard';
import { screenshot } from './support/browser';
import { answerModal } from './support/modal';
import { ADMIN, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

const id = (body17: string) => body17 + idCardCheckChar(body17);
// A unique name per run: the admin's search must find exactly this resident.
const GIVEN = '甲乙丙丁戊己庚辛壬癸';
const NAME = `欧阳${GIVEN[parseInt(run.slice(0, 2), 36) % 10]}${GIVEN[parseInt(run.slice(2, 4), 36) % 10]}明`;
const FIRST_ID = id(`32010219850615${String((parseInt(run.slice(4), 36) % 900) + 100)}`);
const CORRECT_ID = id(`32010219850616${String((parseInt(run.slice(4), 36) % 900) + 100)}`);

test('(a) 实名认证 shows the name and masked ID for confirmation, then (b) the district admin finds and corrects it', async () => {
  const resident = await journey.kit.resident(`identity-${run}`);
  const page = resident.pages()[0];
  await fill(page, '#realname-name', NAME);
  await fill(page, '#realname-id', FIRST_ID);
  await page.locator('#realname-submit').tap();
  await see(page, '#realname-confirm-warning', '提交后不可自行修改');
  await see(page, '#realname-confirm-id', `3201**********${FIRST_ID.slice(-4)}`);
  await screenshot(page, 'identity-realname-confirm');
  await page.locator('#realname-confirm-submit').tap();
  await page.locator('#realname-status').waitFor();
  await resident.close();

  const dp = await journey.kit.districtAdmin();
  await dp.goto(`${journey.url}/#/packages/admin/users/index`);
  await dp.locator('#user-search-by-name').tap();
  // The field turns from a phone number into a name field (Taro re-renders its input): type once it has.
  await dp.locator('#user-search-q input:not([type=number])[placeholder="完整的真实姓名"]').waitFor();
  // A single character is not a name; part of the name finds no one (exact match only).
  await fill(dp, '#user-search-q', NAME.slice(0, 1));
  await dp.locator('#user-search-submit').tap();
  await see(dp, '#user-search-q-error', '请输入完整的真实姓名');
  await fill(dp, '#user-search-q', NAME.slice(0, 4));
  await dp.locator('#user-search-submit').tap();
  await see(dp, '#user-search-none', '没有找到该姓名的账号');
  await fill(dp, '#user-search-q', NAME);
  await dp.locator('#user-search-submit').tap();
  const hit = dp.locator('.identity__result').first();
  await hit.waitFor();
  await hit.tap();
  await dp.locator('#realname-correction-open').tap();

  // Three bad fields: all three messages at once, before anything is sent.
  await fill(dp, '#correction-name', '张');
  await fill(dp, '#correction-id', id('99010219850616123'));
  await dp.locator('#correction-submit').tap();
  await see(dp, '#correction-name-error', '姓名至少 2 个字');
  await see(dp, '#correction-id-error', '地区码无效');
  await see(dp, '#correction-reason-error', '请填写更正原因');
  await screenshot(dp, 'identity-correction-errors');

  await fill(dp, '#correction-name', NAME);
  await fill(dp, '#correction-id', CORRECT_ID);
  await fill(dp, '#correction-reason', '核对身份证原件，出生日期录入有误');
  // Cancelled: nothing is sent; accepted: corrected, and the page shows the new mask.
  await dp.locator('#correction-submit').tap();
  await answerModal(dp, 'cancel');
  await dp.locator('#correction-submit').waitFor();
  await dp.locator('#correction-submit').tap();
  await answerModal(dp, 'confirm');
  await see(dp, '#realname-correction-done', '实名信息已更正');
  await see(dp, '#admin-user-info', `3201**********${CORRECT_ID.slice(-4)}`);
  await screenshot(dp, 'identity-corrected');
});

test('(c) the district admin changes the password from the portal', async () => {
  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-staff-password').tap();
  await fill(dp, '#password-current', 'not-the-password-1');
  await fill(dp, '#password-new', 'new-admin-2027');
  await fill(dp, '#password-confirm', 'new-admin-2027');
  await dp.locator('#password-submit').tap();
  await see(dp, '#password-current-error', '当前密码不正确');
  await fill(dp, '#password-current', ADMIN.password);
  await dp.locator('#password-submit').tap();
  await see(dp, '#password-done', '密码已修改');
  await screenshot(dp, 'identity-password-changed');
});
