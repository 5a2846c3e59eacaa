import Taro from '@tarojs/taro';

import { ROUTES } from './routes';

export { ROUTES };

const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.activities, ROUTES.services, ROUTES.me];

export const isH5 = process.env.TARO_ENV === 'h5';

function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1];
  const route = top?.route ?? '';
  return route.startsWith('/') ? route.split('?')[0] : `/${route.split('?')[0]}`;
}

/** Navigates to any route: tab pages need switchTab, others navigateTo. */
export function go(url: string): void {
  const path = url.split('?')[0];
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

/** Replaces the current page (used after login/consent so Back does not return to them). */
export function replace(url: string): void {
  const path = url.split('?')[0];
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.redirectTo({ url });
}

/**
 * Where a logged-out user signs in: on H5 the page with staff login and the
 * sandbox resident login; in the mini-program the WeChat login page.
 */
export function loginRoute(): string {
  return isH5 ? ROUTES.staffLogin : ROUTES.login;
}

let redirecting = false;
function guardedReplace(url: string): void {
  if (redirecting || currentRoute() === url) return;
  redirecting = true;
  replace(url);
  setTimeout(() => (redirecting = false), 800);
}

export function goLogin(): void {
  guardedReplace(loginRoute());
}

export function goConsent(): void {
  guardedReplace(ROUTES.consent);
}
