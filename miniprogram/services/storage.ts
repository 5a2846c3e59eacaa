import Taro from '@tarojs/taro';

/** Keys in Taro storage (wx storage on weapp, localStorage on H5). */
export const STORAGE_KEYS = {
  token: 'linli.token',
  user: 'linli.user',
  elderMode: 'linli.elderMode',
  afterLogin: 'linli.afterLogin',
} as const;

export function readStorage<T>(key: string): T | null {
  try {
    const v = Taro.getStorageSync(key) as T | '' | undefined;
    return v === '' || v === undefined ? null : (v as T);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable (private mode): the app still works for this session.
  }
}
