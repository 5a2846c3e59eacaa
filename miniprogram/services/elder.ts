/** 长辈模式 (large text, high contrast): local copy, applied before the network answers. */
import { STORAGE_KEYS, readStorage, writeStorage } from './storage';
import { createStore } from './store';

export const elderStore = createStore<boolean>(readStorage<boolean>(STORAGE_KEYS.elderMode) === true);

export function setElderModeLocal(on: boolean): void {
  writeStorage(STORAGE_KEYS.elderMode, on);
  elderStore.set(on);
}
