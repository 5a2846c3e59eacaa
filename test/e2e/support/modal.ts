import type { Page } from 'playwright-core';

/** Taps a button of the open showModal dialog (取消 or the confirm text) and waits for it to close. */
export async function answerModal(page: Page, choice: 'cancel' | 'confirm'): Promise<void> {
  const modal = page.locator('.taro__modal').filter({ has: page.locator('.taro-modal__content') });
  await modal.locator(`.taro-model__${choice}`).waitFor({ state: 'visible' });
  await modal.locator(`.taro-model__${choice}`).tap();
  await modal.locator(`.taro-model__${choice}`).waitFor({ state: 'hidden' });
}

/** The text of the open showModal dialog (its title and message). */
export async function modalText(page: Page): Promise<string> {
  const modal = page.locator('.taro__modal').filter({ has: page.locator('.taro-modal__content') });
  await modal.locator('.taro-model__confirm').waitFor({ state: 'visible' });
  return modal.innerText();
}
