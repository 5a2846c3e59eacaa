/**
 * Donations journey for a charity's own staff (issue 13), in Chromium through the H5 portal:
 *
 * 1. the district admin registers a charity on 登记公益机构 (its key files are the demo merchant's,
 *    whose paths the merchant settings show); a malformed 统一社会信用代码 is refused at its field first;
 * 2. a charity_staff account scoped to it (set up through the API) drafts a project with the form
 *    and submits it: 审核中;
 * 3. the district admin approves it in 内容审核; the project is then public, and a resident's
 *    donation to it gets a Native QR code (donatable).
 *
 * Dates come from the Beijing day (today and 10 days on), so it passes at any wall-clock hour.
 */
import { answerModal } from './support/modal';
import { screenshot } from './support/browser';
import { pickDate, pickOption } from './support/pickers';
import { ADMIN, DEMO_PASSWORD, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

const DEMO_CHARITY = '海口市美兰区慈善会（演示）';
const run = Math.random().toString(36).slice(2, 8);
const CHARITY = `海口市助学基金会${run}`;
const PROJECT = `乡村图书馆${run}`;

const journey = useJourney();

/** A Shanghai calendar date `days` from today (YYYY-MM-DD). */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A valid-looking 统一社会信用代码, distinct per run. */
const uscc = () => `534600${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${journey.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test('a district admin registers a charity; its staff drafts and submits a project; approved in 内容审核 it is public and takes donations', async () => {
  // 1. The demo charity's merchant settings name the key files on the server.
  const dp = await journey.kit.districtAdmin();
  await dp.locator('#portal-charity-charities').tap();
  const demo = dp.locator('#admin-charities > .card', { hasText: DEMO_CHARITY });
  // The server answers before its demo data is in: reopen the list until the demo charity is there.
  for (let deadline = Date.now() + 120000; !(await demo.waitFor({ timeout: 4000 }).then(() => true, () => false)); ) {
    if (Date.now() > deadline) throw new Error('the demo charity never showed');
    await dp.reload();
  }
  await demo.locator('[id$="-merchant"]').tap();
  await dp.locator('#merchant-privateKeyPath input').waitFor();
  const value = (key: string) => dp.locator(`#merchant-${key} input`).inputValue();
  const keys = {
    mchId: await value('mchId'),
    serialNo: await value('serialNo'),
    privateKeyPath: await value('privateKeyPath'),
    certPath: await value('certPath'),
    apiV3KeyRef: await value('apiV3KeyRef'),
    platformCertPath: await value('platformCertPath'),
  };
  expect(keys.certPath).toMatch(/apiclient_cert\.pem$/);

  // Registered through the form: a bad code is refused at its field, then it is saved.
  await dp.locator('#charity-register').filter({ visible: true }).tap();
  await dp.locator('#charity-register-form').waitFor();
  await fill(dp, '#charity-name', CHARITY);
  await fill(dp, '#charity-uscc', '12345');
  await fill(dp, '#charity-filingNumber', `琼民公募备〔2026〕${run}号`);
  for (const [k, v] of Object.entries(keys)) await fill(dp, `#charity-${k}`, v);
  await dp.locator('#charity-register-submit').tap();
  await see(dp, '#charity-uscc-error', '统一社会信用代码应为 18 位');
  await fill(dp, '#charity-uscc', uscc());
  await dp.locator('#charity-register-submit').tap();
  await see(dp, '#charity-register-message', `已登记：${CHARITY}`);
  await screenshot(dp, 'donations-charity-registered');
  await dp.locator('#charity-register-back').tap();
  const row = dp.locator('#admin-charities > .card', { hasText: CHARITY }).filter({ visible: true });
  await row.waitFor();
  const charityId = ((await row.getAttribute('id')) ?? '').replace('admin-charity-', '');
  expect(charityId).toMatch(/^[0-9a-f]{24}$/);

  // 2. Its staff account (scoped to this charity) signs in to the portal.
  const { token } = await api<{ token: string }>('/api/auth/staff/login', ADMIN);
  const username = `cs_${run}`;
  await api('/api/admin/staff', { username, password: DEMO_PASSWORD, displayName: '机构员工', roles: [{ role: 'charity_staff', scopeType: 'charity', scopeId: charityId }] }, token);
  const sp = await journey.loginAs(username);
  await expect(sp.locator('#portal-charity-charities').count()).resolves.toBe(0);

  // Drafts the project with the form (its own charity picked, Beijing dates) and submits it.
  await sp.locator('#portal-charity-projects').tap();
  await sp.locator('#project-form').waitFor();
  await pickOption(sp, 'project-charity', CHARITY);
  await fill(sp, '#project-title', PROJECT);
  await fill(sp, '#project-story', '为乡村小学建一间图书馆，添置图书、书架与阅读桌椅。');
  await fill(sp, '#project-goal', '5000');
  await pickDate(sp, 'project-start', shanghaiDay(0));
  await pickDate(sp, 'project-end', shanghaiDay(10));
  await sp.locator('#project-submit').tap();
  const card = sp.locator('#admin-projects > .card', { hasText: PROJECT });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('草稿');
  await card.locator('[id$="-publish"]').tap();
  await answerModal(sp, 'confirm');
  await see(sp, '#projects-admin-message', '已提交内容审核');
  await see(sp, '#admin-projects', '审核中');
  await screenshot(sp, 'donations-staff-submitted');

  // 3. The district admin approves it in 内容审核.
  await dp.goto(`${journey.url}/#/packages/staff/portal/index`);
  await dp.locator('#portal-district-moderation').filter({ visible: true }).tap();
  const item = dp.locator('#moderation-list .v-item', { hasText: PROJECT }).filter({ visible: true });
  await item.waitFor();
  await item.locator('[id$="-approve"]').tap();
  await answerModal(dp, 'confirm');
  await dp.locator('#moderation-success').filter({ visible: true }).waitFor();
  await expect(item.count()).resolves.toBe(0);

  // Public: the staff sees it 募捐中; a resident opens it and gets a QR code to pay.
  const projectId = ((await card.getAttribute('id')) ?? '').replace('admin-project-', '');
  await sp.reload();
  await see(sp, `#admin-project-${projectId}`, '募捐中');
  const resident = await journey.kit.resident(`reader-${run}`);
  const page = await journey.kit.at(resident, `/packages/charity/project/index?id=${projectId}`);
  await see(page, '#project-title:visible', PROJECT);
  await expect(page.locator('#project-charity:visible').textContent()).resolves.toBe(CHARITY);
  await page.locator('#project-donate').filter({ visible: true }).tap();
  await see(page, '#donate-project', PROJECT);
  await fill(page, '#donate-custom', '10');
  await page.locator('#donate-submit').tap();
  await page.locator('#donate-qr').waitFor({ timeout: 20000 });
  await see(page, '#donate-status', '待支付');
  await screenshot(page, 'donations-staff-project-donatable');
}, 300000);
