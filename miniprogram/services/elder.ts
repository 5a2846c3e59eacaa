/** 长辈模式 (large text, high contrast): local copy, applied before the network answers. */
import { STORAGE_KEYS, readStorage, writeStorage } from './storage';
import { createStore } from './store';

export const elderStore = createStore<boolean>(readStorage<boolean>(STORAGE_KEYS.elderMode) === true);

export function setElderModeLocal(on: boolean): void {
  writeStorage(STORAGE_KEYS.elderMode, on);
  elderStore.set(on);
}

/**
 * Elder mode enlarges the tab bar's labels too. On H5 the tab bar lives outside every page's
 * root, so the mode is mirrored as a class on <html> (app.scss sizes `.weui-tabbar__label`).
 * weapp's native tab bar has no font size setting (setTabBarStyle offers colours only).
 */
function mirrorOnDocument(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.classList.toggle('linli-elder', elderStore.get());
}
mirrorOnDocument();
elderStore.subscribe(mirrorOnDocument);
