/**
 * Identity and account security calls (issue 16): the district admin's real-name correction
 * and exact-match user search, and a staff member's password change.
 */
import type {
  TChangePasswordInput,
  TRealNameCorrectionInput,
  TUserSearchQuery,
  ZChangePasswordResult,
  ZUserPage,
} from '@shared/schemas/auth';
import type { TOut } from '@shared/schemas/common';
import { http } from './api';
import type { TUserEnvelope } from './types';

const { request } = http;

export const identityApi = {
  correctRealName: (userId: string, input: TRealNameCorrectionInput) =>
    request<TUserEnvelope>({
      method: 'POST',
      path: `/api/admin/users/${encodeURIComponent(userId)}/real-name`,
      body: input,
    }),
  searchUsers: (q: TUserSearchQuery) => request<TOut<typeof ZUserPage>>({ path: '/api/admin/user-search', query: q }),
  changePassword: (input: TChangePasswordInput) =>
    request<TOut<typeof ZChangePasswordResult>>({ method: 'POST', path: '/api/auth/password', body: input }),
};
