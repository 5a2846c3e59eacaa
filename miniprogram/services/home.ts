/**
 * What the home page's first screen needs of the community client (issue 14's GET /api/home), kept
 * apart from services/community.ts: that client also uploads notice files, opens the image viewer
 * and reads the notice schema's limits, which would put zod and the viewer on the resident's first
 * screen (issue 15). services/community.ts re-exports these.
 */
import type { TOut } from '@shared/schemas/common';
import type { ZHomeScreen } from '@shared/schemas/community/home';
import { http } from './api';
import { getToken } from './session';
import { readStorage, writeStorage } from './storage';

/** The community the resident chose last, kept on the device so home asks once, with it. */
const COMMUNITY_KEY = 'linli.community';
export const rememberedCommunity = (): { id: string; name: string } | null => readStorage(COMMUNITY_KEY);
export const rememberCommunity = (c: { id: string; name: string } | null): void => writeStorage(COMMUNITY_KEY, c);

export type THomeScreen = TOut<typeof ZHomeScreen>;

/** The home screen in one request: alerts, notices, nearby services and activities. */
export const homeScreen = (q: { communityId?: string; lng?: number; lat?: number }) =>
  http.request<THomeScreen>({ path: '/api/home', query: q, anonymous: !getToken() });

/** 350 m / 1.2 公里. */
export const formatMetres = (m: number): string => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);
