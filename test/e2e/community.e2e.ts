/**
 * Community information journey in Chromium, through the H5 portal served by the real server
 * (`npm start` as-is: embedded DB, WeChat sandbox, demo data with ~50 places and the law set):
 *
 * 1. the district admin publishes an urgent alert and corrects its title; a resident's home page
 *    shows the banner with the corrected title;
 *    the alert carries a toolbar list line, a photo and a Word file (uploaded in the browser), and
 *    the resident's notice page shows them with 已修改;
 *    the admin adds a place with the one-by-one form (typed coordinates: H5 has no map key) and
 *    imports a CSV file through the file picker (a bad row first stops it, then partial import);
 * 2. the resident opens nearby services, changes the radius, and sees the distances sorted
 *    (H5 has no map key here: the list with distances is what shows);
 * 3. the resident searches the law library and opens an article.
 */
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { officeFile } from '../support/office-files';
import { chooseFile, fill, see } from './support/volunteering';
import { useJourney } from './support/journey';

/** The demo district's centre (server/modules/community/demo.ts), as the browser's WGS-84 would report it. */
const DEMO_CENTRE = { longitude: 116.3978, latitude: 39.9136 };
const run = Math.random().toString(36).slice(2, 8);

const journey = useJourney();

const residentNearDemo = (): Promise<BrowserContext> => journey.kit.phoneAt({ ...DEMO_CENTRE, accuracy: 10 });

/** "350 米" / "1.2 公里" → metres. */
const metres = (text: string): number => {
  const m = /([\d.]+)\s*(米|公里)/.exec(text);
  if (!m) throw new Error(`no distance in "${text}"`);
  return m[2] === '公里' ? Number(m[1]) * 1000 : Number(m[1]);
};

async function distances(page: Page): Promise<number[]> {
  await page.locator('#nearby-list.is-ready').waitFor();
  return (await page.locator('.nearby-item__distance').allTextContents()).map(metres);
}

test('an urgent alert reaches the home banner; nearby services by radius, sorted; the law library finds and opens an article', async () => {
  // 1. The district admin publishes an urgent alert for the whole district.
  const dp = await journey.kit.districtAdmin();
  await dp.goto(`${journey.url}/#/packages/community-admin/notices/index`);
  let title = `紧急提醒：和平巷积水绕行${run}`;
  await fill(dp, '#notice-title', title);
  await fill(dp, '#notice-text', '和平巷路口积水较深，请绕行光明路。\n低洼地带住户请注意防范。');
  // The toolbar adds a list line at the end; the admin types its text over the placeholder.
  await dp.locator('#notice-tool-list').tap();
  const withList = await dp.locator('#notice-text textarea').inputValue();
  expect(withList.endsWith('\n- 列表项')).toBe(true);
  await fill(dp, '#notice-text', withList.replace('- 列表项', '- 沙袋领取点：社区服务站'));
  // A photo of the flooded crossing (camera/album) and the detour plan as a Word file.
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
  await chooseFile(dp, '#notice-add-image', { name: 'flood.jpg', mimeType: 'image/jpeg', buffer: photo });
  await see(dp, '#notice-files', 'flood.jpg');
  await chooseFile(dp, '#notice-add-document', { name: '绕行方案.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: officeFile('docx', '绕行方案') });
  await see(dp, '#notice-files', '绕行方案.docx');
  // A text file is refused by its bytes, with the reason under the control.
  await chooseFile(dp, '#notice-add-document', { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
  await see(dp, '#notice-files-error', '仅支持');
  await dp.locator('#notice-urgent').tap();
  await dp.locator('#notice-submit').tap();
  await see(dp, '#notice-admin-message', '公告已发布');
  await see(dp, '#notice-admin-list', title);
  // A slip in the title: the admin edits the published notice (no second push; residents see the new text).
  const draftTitle = title;
  title = `紧急提醒：和平巷积水请绕行${run}`;
  await dp.locator(`#notice-admin-list .c-item`, { hasText: draftTitle }).locator('[id^="edit-"]').tap();
  await see(dp, '#notice-submit', '保存修改');
  await fill(dp, '#notice-title', title);
  await dp.locator('#notice-submit').tap();
  await see(dp, '#notice-admin-message', '公告已修改');
  await see(dp, '#notice-admin-list', title);

  // The admin adds a place by the form: an empty submit shows the field errors at once.
  await dp.goto(`${journey.url}/#/packages/community-admin/places/index`);
  await dp.locator('#place-submit').tap();
  await see(dp, '#place-name-error', '名称');
  await see(dp, '#place-lng-error', '经度');
  const placeName = `幸福里法律服务点${run}`;
  await fill(dp, '#place-name', placeName);
  await fill(dp, '#place-address', '示范区幸福路 9 号');
  await fill(dp, '#place-lng', '116.4040');
  await fill(dp, '#place-lat', '39.9150');
  await fill(dp, '#place-hours', '24小时');
  await dp.locator('#place-submit').tap();
  await see(dp, '#place-saved', '已添加服务点');
  await see(dp, '#places-list', placeName);
  // CSV import from a file (Excel's UTF-8 BOM included): one bad row stops it all, then partial imports the good one.
  const csvName = `幸福里药房${run}`;
  const csvFile = `\uFEFF名称,类型,地址,经度,纬度,电话,营业时间\n${csvName},药店,示范区幸福路 12 号,116.4045,39.9148,010-5555,每天 08:00-22:00\n坏坐标${run},药店,示范区幸福路 13 号,abc,39.9148,,\n`;
  await chooseFile(dp, '#places-csv-file', { name: 'places.csv', mimeType: 'text/csv', buffer: Buffer.from(csvFile, 'utf8') });
  expect(await dp.locator('#places-csv textarea').inputValue()).toContain(csvName);
  await dp.locator('#places-import-submit').tap();
  await see(dp, '#places-import-rows', '第 3 行');
  await dp.locator('#places-partial').tap();
  await dp.locator('#places-import-submit').tap();
  await see(dp, '#places-import-result', '已导入 1 条，跳过 1 行');
  await see(dp, '#places-list', csvName);

  // The resident's home page shows it as the banner; the banner opens the notice.
  const resident = await residentNearDemo();
  const home = await resident.newPage();
  await home.goto(`${journey.url}/#/pages/home/index`);
  await see(home, '#home-alert', title);
  await home.locator('#home-alert', { hasText: title }).tap();
  await see(home, '#notice-title', title);
  await see(home, '#notice-body', '请绕行光明路');
  await see(home, '#notice-body li', '沙袋领取点');
  await see(home, '#notice-edited', '已修改');
  await see(home, '#notice-attachments', '绕行方案.docx');
  // The photo's thumbnail really loads (served to any reader of a published notice).
  await home.waitForFunction(() => {
    const img = document.querySelector('#notice-attachments .notice-photo img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });

  // 2. Nearby services: 1 km by default, nearest first; a wider radius finds more, still sorted.
  await home.goto(`${journey.url}/#/packages/community/nearby/index`);
  await home.locator('.nearby-item').first().waitFor();
  const within1km = await distances(home);
  expect(within1km.length).toBeGreaterThan(0);
  expect(within1km).toEqual([...within1km].sort((a, b) => a - b));
  expect(Math.max(...within1km)).toBeLessThanOrEqual(1000);
  await home.locator('#nearby-radius-2000').tap();
  await home.waitForFunction((n) => document.querySelectorAll('.nearby-item').length > n, within1km.length);
  const within2km = await distances(home);
  expect(within2km.length).toBeGreaterThan(within1km.length);
  expect(within2km).toEqual([...within2km].sort((a, b) => a - b));
  expect(Math.max(...within2km)).toBeLessThanOrEqual(2000);
  await see(home, '#nearby-list', '步行约');
  await see(home, '#nearby-list', placeName);

  // 3. The law library: search 离婚, open the first article.
  await home.goto(`${journey.url}/#/packages/community/laws/index`);
  await home.locator('#laws-topics .v-chip').first().waitFor();
  await fill(home, '#laws-search-box', '离婚');
  await home.locator('#laws-search').tap();
  await home.locator('.law-item').first().waitFor();
  await home.locator('.law-item').first().tap();
  await home.locator('#law-title').waitFor();
  await see(home, '#law-text', '离婚');
  await see(home, '#law-detail', '施行日期');
}, 240000);
