/**
 * One typed method per endpoint of the server's API. The contract is the OpenAPI
 * document the server generates from its RouteSpecs and the zod schemas in shared/
 * (`GET /api/openapi.json`, readable at `/api/docs`). Pages and hooks call these;
 * nothing else builds URLs. Staff-only endpoints live with the subpackages that call them
 * (`services/admin.ts`, `services/identity.ts`), so the main package does not carry them.
 */
import type { TConsentInput, TLoginResult, TRealNameInput, TStaffLoginInput } from '@shared/schemas/auth';
import type { TOut, ZNoContent } from '@shared/schemas/common';
import type { ZConsentCounts } from '@shared/schemas/notifications';
import type { ZHealth } from '@shared/schemas/system';
import { createRequester, type TRawResult } from './request';
import { taroTransport } from './taro-transport';
import { clearSession, getToken } from './session';
import { goConsent, goLogin } from './nav';
import type {
  TClientConfig,
  TNotificationPage,
  TPrivacyPolicy,
  TSubscribeResult,
  TUserEnvelope,
} from './types';

export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

/** The app's one requester: every service calls the API through it (session, consent, PATCH tunnel). */
export const http = createRequester({
  baseUrl: API_BASE,
  transport: taroTransport,
  getToken,
  onUnauthorized: () => {
    clearSession();
    goLogin();
  },
  onConsentRequired: () => goConsent(),
  // wx.request cannot send PATCH; the browser can.
  tunnelMethods: process.env.TARO_ENV === 'h5' ? [] : ['PATCH'],
});

const { request } = http;

export const api = {
  // Public
  health: () => request<TOut<typeof ZHealth>>({ path: '/api/health', anonymous: true }),
  clientConfig: () => request<TClientConfig>({ path: '/api/client-config', anonymous: true }),
  privacyPolicy: () => request<TPrivacyPolicy>({ path: '/api/privacy-policy', anonymous: true }),

  // Auth
  wechatLogin: (code: string) =>
    request<TLoginResult>({ method: 'POST', path: '/api/auth/wechat/login', body: { code }, anonymous: true }),
  staffLogin: (input: TStaffLoginInput) =>
    request<TLoginResult>({ method: 'POST', path: '/api/auth/staff/login', body: input, anonymous: true }),
  logout: () => request<TOut<typeof ZNoContent>>({ method: 'POST', path: '/api/auth/logout' }),

  // Me
  me: () => request<TUserEnvelope>({ path: '/api/me' }),
  updatePreferences: (prefs: { elderMode: boolean }) =>
    request<TUserEnvelope>({ method: 'PATCH', path: '/api/me/preferences', body: prefs }),
  consent: (input: TConsentInput) => request<TUserEnvelope>({ method: 'POST', path: '/api/me/consent', body: input }),
  bindPhone: (code: string) => request<TUserEnvelope>({ method: 'POST', path: '/api/me/phone', body: { code } }),
  realName: (input: TRealNameInput) =>
    request<TUserEnvelope>({ method: 'POST', path: '/api/me/real-name', body: input }),
  exportData: (): Promise<TRawResult<unknown>> => http.raw<unknown>({ path: '/api/me/export' }),
  deleteAccount: () => request<TOut<typeof ZNoContent>>({ method: 'DELETE', path: '/api/me' }),
  reportSubscriptions: (results: Record<string, TSubscribeResult>) =>
    request<TOut<typeof ZConsentCounts>>({ method: 'POST', path: '/api/me/subscriptions', body: { results } }),
  notifications: (page = 1, pageSize = 20) =>
    request<TNotificationPage>({ path: '/api/me/notifications', query: { page, pageSize } }),
  markNotificationRead: (id: string) =>
    request<TOut<typeof ZNoContent>>({ method: 'POST', path: `/api/me/notifications/${encodeURIComponent(id)}/read` }),
};

export { ApiError } from './request';
