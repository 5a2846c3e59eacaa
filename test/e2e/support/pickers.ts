/**
 * Driving Taro's H5 date and time pickers the way a user does: open the picker, drag each
 * wheel to the wanted row, tap 确定. The wheels follow the pointer (mousedown/move/up, like
 * touch), 34 px a row; a row's position is read from the wheel's own transform.
 */
import type { Locator, Page } from 'playwright-core';

const ROW = 34;
const TOP = 102;
/** Rows per drag: starting near one edge, the pointer stays inside the 238 px tall wheel. */
const MAX_ROWS_PER_DRAG = 6;

async function currentRow(wheel: Locator): Promise<number> {
  const transform = await wheel.locator('.weui-picker__content').evaluate((el) => (el as HTMLElement).style.transform);
  const y = Number(/translate3d\(0px?, (-?[\d.]+)px/.exec(transform)?.[1] ?? NaN);
  if (Number.isNaN(y)) throw new Error(`cannot read the wheel position from "${transform}"`);
  return Math.round((TOP - y) / ROW);
}

async function turnWheel(page: Page, wheel: Locator, targetRow: number): Promise<void> {
  for (let guard = 0; guard < 40; guard++) {
    const diff = targetRow - (await currentRow(wheel));
    if (diff === 0) return;
    const rows = Math.sign(diff) * Math.min(Math.abs(diff), MAX_ROWS_PER_DRAG);
    const box = await wheel.boundingBox();
    if (!box) throw new Error('the picker wheel is not visible');
    const x = box.x + box.width / 2;
    const y = rows > 0 ? box.y + box.height - 12 : box.y + 12;
    await page.mouse.move(x, y);
    await page.mouse.down();
    // Dragging up brings later rows to the middle.
    await page.mouse.move(x, y - rows * ROW, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(350); // the wheel's settle transition (0.3 s)
  }
  throw new Error(`the wheel did not reach row ${targetRow}`);
}

async function openPicker(page: Page, id: string): Promise<Locator> {
  // The picker listens for click on its own element; a touch tap's click is swallowed by Taro's
  // touch handling, so the journey clicks here (the wheels themselves follow the mouse, too).
  await page.locator(`#${id}-value`).click();
  // Taro moves each picker's sheet to <body> when it loads; only the open one is shown (its
  // overlay box has no height of its own: the sheet inside is position: fixed).
  const sheet = page.locator('.weui-picker').filter({ visible: true });
  await sheet.waitFor({ state: 'visible' });
  await page.waitForTimeout(350); // slide-up animation
  return sheet;
}

async function confirm(sheet: Locator): Promise<void> {
  await sheet.locator('.weui-picker__action').nth(1).click();
  await sheet.waitFor({ state: 'hidden' });
}

/** Picks a date (YYYY-MM-DD) on the PickerField with this id. */
export async function pickDate(page: Page, id: string, date: string): Promise<void> {
  const [y, m, d] = date.split('-');
  const sheet = await openPicker(page, id);
  const wheels = sheet.locator('.weui-picker__group');
  const labels = [`${y}年`, `${m}月`, `${d}日`];
  for (let i = 0; i < 3; i++) {
    const items = await wheels.nth(i).locator('.weui-picker__item').allTextContents();
    const row = items.indexOf(labels[i]);
    if (row < 0) throw new Error(`${labels[i]} is not offered by ${id} (${items.join(' ')})`);
    await turnWheel(page, wheels.nth(i), row);
  }
  await confirm(sheet);
  await page.locator(`#${id}-value`, { hasText: date }).waitFor();
}

/** Picks a time (HH:MM) on the PickerField with this id. */
export async function pickTime(page: Page, id: string, time: string): Promise<void> {
  const [h, m] = time.split(':').map(Number);
  const sheet = await openPicker(page, id);
  const wheels = sheet.locator('.weui-picker__group');
  // Time wheels repeat four rows at each end for endless scrolling: value v sits at row v + 4.
  await turnWheel(page, wheels.nth(0), h + 4);
  await turnWheel(page, wheels.nth(1), m + 4);
  await confirm(sheet);
  await page.locator(`#${id}-value`, { hasText: time }).waitFor();
}

/**
 * Picks one option by its text on a selector Picker with this id (its shown value has id `<id>-value`);
 * a RegExp matches options whose text changes with the data (e.g. a count in the label).
 */
export async function pickOption(page: Page, id: string, label: string | RegExp): Promise<void> {
  const sheet = await openPicker(page, id);
  const wheel = sheet.locator('.weui-picker__group').first();
  const items = await wheel.locator('.weui-picker__item').allTextContents();
  const row = typeof label === 'string' ? items.indexOf(label) : items.findIndex((t) => label.test(t));
  if (row < 0) throw new Error(`${String(label)} is not offered by ${id} (${items.join(' | ')})`);
  await turnWheel(page, wheel, row);
  await confirm(sheet);
  await page.locator(`#${id}-value`, { hasText: label }).waitFor();
}
