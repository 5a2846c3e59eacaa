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
import type {
  TCertificateDecisionBody,
  TCertificateDto,
  TCertificateSettingsDto,
  TCertificateSettingsInput,
  ZCertificateListing,
} from '@shared/schemas/volunteering/certificates';
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

/** The district's certificate settings and the issuer's confirmation queue (民发〔2015〕149号). */
export const certificateAdminApi = {
  settings: () => request<TCertificateSettingsDto>({ path: '/api/admin/certificate-settings' }),
  saveSettings: (input: TCertificateSettingsInput) =>
    request<TCertificateSettingsDto>({ method: 'PUT', path: '/api/admin/certificate-settings', body: input }),
  /** Where the seal image is uploaded (services/media.ts uploadImage: POST, raw on H5, multipart on weapp). */
  sealPath: '/api/admin/certificate-settings/seal',
  /** teamId: the team's queue (its admins); none: the district's (district admin). */
  pending: (teamId?: string) =>
    request<TOut<typeof ZCertificateListing>>({ path: '/api/certificates/pending', query: teamId ? { teamId } : {} }),
  /** The 7-day 公示 list: the team's (its members) or, without teamId, the district's. */
  listed: (teamId?: string) =>
    request<TOut<typeof ZCertificateListing>>({ path: '/api/certificates/listed', query: teamId ? { teamId } : {} }),
  decide: (serial: string, body: TCertificateDecisionBody) =>
    request<TCertificateDto>({
      method: 'POST',
      path: `/api/certificates/${encodeURIComponent(serial)}/decision`,
      body,
    }),
};
