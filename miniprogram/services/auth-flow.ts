/** What happens around login: starting a session, consent gate, where to land. */
import Taro from '@tarojs/taro';
import type { TLoginResult, TUserDto } from '@shared/schemas/auth';
import { api } from './api';
import { ApiError } from './request';
import { getToken, isStaff, setSession, setUser } from './session';
import { ROUTES, goConsent, isH5, replace } from './nav';

/** After any login: remember the session, then consent first, else the user's home. */
export function completeLogin(result: TLoginResult): void {
  setSession(result.token, result.user);
  routeAfterAuth(result.user);
}

export function routeAfterAuth(user: TUserDto): void {
  if (user.consent.required) replace(ROUTES.consent);
  else replace(isStaff(user) ? ROUTES.staffPortal : ROUTES.me);
}

/** Mini-program login: wx.login code → server (code2session there). */
export async function wechatLogin(): Promise<TLoginResult> {
  const { code } = await Taro.login();
  if (!code) throw new ApiError(0, 'wechat_login_failed', '微信登录失败，请稍后重试');
  return api.wechatLogin(code);
}

/**
 * At app start: refresh a stored session (the consent gate may have moved
 * since), or on weapp sign in silently with wx.login.
 */
export async function bootSession(): Promise<void> {
  try {
    if (getToken()) {
      const { user } = await api.me();
      setUser(user);
      if (user.consent.required) goConsent();
      return;
    }
    if (!isH5) {
      const result = await wechatLogin();
      setSession(result.token, result.user);
      if (result.user.consent.required) goConsent();
    }
  } catch {
    // Offline or server down: pages show their own errors; 401 already routed to login.
  }
}
