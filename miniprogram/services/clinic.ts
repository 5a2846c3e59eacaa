/**
 * Typed client for the clinic API (issue 11). Pages and hooks call these; response types come
 * from the routes' schemas in shared/schemas/clinic/*.
 */
import type { TOut } from '@shared/schemas/common';
import type { TClinicPatch, ZClinicEnvelope, ZClinicList } from '@shared/schemas/clinic/clinics';
import type {
  TAddProvider,
  TScheduleInput,
  TProviderCandidate,
  ZProviderCandidateList,
  ZProviderEnvelope,
  ZProviderList,
  ZScheduleEnvelope,
} from '@shared/schemas/clinic/providers';
import type {
  TBookInput,
  TNoShowInput,
  TRecordInput,
  ZRescheduleInput,
  TWaitlistInput,
  ZBookingDto,
  ZBookingEnvelope,
  ZBookingList,
  ZSlotList,
  ZStaffBookingDto,
  ZStaffBookingEnvelope,
  ZStaffBookingList,
  ZMyWaitlistList,
  ZWaitlistEnvelope,
} from '@shared/schemas/clinic/bookings';
import type {
  TCaseOutcomeInput,
  ZSessionInput,
  ZClinicStatsDto,
  ZMediationCaseEnvelope,
  ZMediationCaseList,
  ZMediatorList,
  ZPartyCaseList,
} from '@shared/schemas/clinic/mediation';
import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { http, API_BASE } from './api';
import { isH5 } from './nav';
import { authHeader } from './session';

const { request } = http;
const id = encodeURIComponent;
type Json<T> = Omit<T, 'startsAt'> & { startsAt: string };

export type TBookingView = TOut<typeof ZBookingDto>;
export type TStaffBookingView = TOut<typeof ZStaffBookingDto>;
export type { TProviderCandidate };
export type TMediator = TOut<typeof ZMediatorList>['items'][number];
export type TMyWaitlistView = TOut<typeof ZMyWaitlistList>['items'][number];
export type TStatsView = TOut<typeof ZClinicStatsDto>;
export type TPartyCaseView = TOut<typeof ZPartyCaseList>['items'][number];

/** The slot listing answers one week at a time (the server's limit on `days`). */
export const SLOT_WEEK_DAYS = 7;

export const clinicApi = {
  clinics: (q: { lng?: number; lat?: number; topic?: string } = {}) =>
    request<TOut<typeof ZClinicList>>({ path: '/api/clinics', query: q, anonymous: true }),
  clinic: (clinicId: string) =>
    request<TOut<typeof ZClinicEnvelope>>({ path: `/api/clinics/${id(clinicId)}`, anonymous: true }),
  updateClinic: (clinicId: string, body: TClinicPatch) =>
    request<TOut<typeof ZClinicEnvelope>>({ method: 'PATCH', path: `/api/clinics/${id(clinicId)}`, body }),
  slots: (
    clinicId: string,
    q: { from: string; days: number; providerId?: string; opposingName?: string; opposingPhone?: string },
  ) => request<TOut<typeof ZSlotList>>({ path: `/api/clinics/${id(clinicId)}/slots`, query: q, anonymous: true }),
  providers: (clinicId: string) =>
    request<TOut<typeof ZProviderList>>({ path: `/api/clinics/${id(clinicId)}/providers` }),
  addProvider: (clinicId: string, body: TAddProvider) =>
    request<TOut<typeof ZProviderEnvelope>>({ method: 'POST', path: `/api/clinics/${id(clinicId)}/providers`, body }),
  providerCandidates: (clinicId: string) =>
    request<TOut<typeof ZProviderCandidateList>>({ path: `/api/clinics/${id(clinicId)}/provider-candidates` }),
  updateProvider: (providerId: string, body: { licenceVerified?: boolean; active?: boolean }) =>
    request<TOut<typeof ZProviderEnvelope>>({ method: 'PATCH', path: `/api/clinic-providers/${id(providerId)}`, body }),
  schedule: (providerId: string) =>
    request<TOut<typeof ZScheduleEnvelope>>({ path: `/api/clinic-providers/${id(providerId)}/schedule` }),
  saveSchedule: (providerId: string, body: TScheduleInput) =>
    request<TOut<typeof ZScheduleEnvelope>>({
      method: 'PUT',
      path: `/api/clinic-providers/${id(providerId)}/schedule`,
      body,
    }),
  book: (clinicId: string, body: Json<TBookInput>) =>
    request<TOut<typeof ZBookingEnvelope>>({ method: 'POST', path: `/api/clinics/${id(clinicId)}/bookings`, body }),
  joinWaitlist: (body: TWaitlistInput) =>
    request<TOut<typeof ZWaitlistEnvelope>>({ method: 'POST', path: '/api/clinic-waitlist', body }),
  myWaitlist: () => request<TOut<typeof ZMyWaitlistList>>({ path: '/api/me/clinic-waitlist' }),
  leaveWaitlist: (entryId: string) =>
    request<TOut<typeof ZWaitlistEnvelope>>({ method: 'DELETE', path: `/api/clinic-waitlist/${id(entryId)}` }),
  myBookings: () => request<TOut<typeof ZBookingList>>({ path: '/api/me/clinic-bookings' }),
  myMediationCases: () => request<TOut<typeof ZPartyCaseList>>({ path: '/api/me/mediation-cases' }),
  booking: (bookingId: string) =>
    request<TBookingView | TStaffBookingView>({ path: `/api/clinic-bookings/${id(bookingId)}` }),
  act: (bookingId: string, action: string, body: object = {}) =>
    request<TOut<typeof ZStaffBookingEnvelope> | TOut<typeof ZBookingEnvelope>>({
      method: 'POST',
      path: `/api/clinic-bookings/${id(bookingId)}/${action}`,
      body,
    }),
  record: (bookingId: string, body: TRecordInput) => clinicApi.act(bookingId, 'record', body),
  reschedule: (bookingId: string, body: z.input<typeof ZRescheduleInput>) =>
    clinicApi.act(bookingId, 'reschedule', body),
  noShow: (bookingId: string, body: TNoShowInput) => clinicApi.act(bookingId, 'no-show', body),
  agenda: (from: string, days: number) =>
    request<TOut<typeof ZStaffBookingList>>({ path: '/api/me/clinic-agenda', query: { from, days } }),
  signOffs: () => request<TOut<typeof ZStaffBookingList>>({ path: '/api/me/clinic-signoffs' }),
  clinicBookings: (clinicId: string, from: string, days: number) =>
    request<TOut<typeof ZStaffBookingList>>({ path: '/api/clinic-bookings', query: { clinicId, from, days } }),
  cases: (status: 'open' | 'closed') =>
    request<TOut<typeof ZMediationCaseList>>({ path: '/api/mediation/cases', query: { status } }),
  closeCase: (caseId: string, body: TCaseOutcomeInput) =>
    request<TOut<typeof ZMediationCaseEnvelope>>({
      method: 'POST',
      path: `/api/mediation/cases/${id(caseId)}/outcome`,
      body,
    }),
  mediators: () => request<TOut<typeof ZMediatorList>>({ path: '/api/mediation/mediators' }),
  assignMediator: (caseId: string, mediatorId: string) =>
    request<TOut<typeof ZMediationCaseEnvelope>>({
      method: 'POST',
      path: `/api/mediation/cases/${id(caseId)}/mediator`,
      body: { mediatorId },
    }),
  addSession: (caseId: string, body: z.input<typeof ZSessionInput>) =>
    request<TOut<typeof ZMediationCaseEnvelope>>({
      method: 'POST',
      path: `/api/mediation/cases/${id(caseId)}/sessions`,
      body,
    }),
  stats: (q: { clinicId?: string; from: string; to: string }) =>
    request<TStatsView>({ path: '/api/clinic-stats', query: q }),
  statsCsvUrl: (q: { clinicId?: string; from: string; to: string }) =>
    `${API_BASE}/api/clinic-stats.csv?${Object.entries(q)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${id(String(v))}`)
      .join('&')}`,
};

/** Downloads the stats CSV with the session's token (a bare link would carry none). */
export async function downloadStatsCsv(q: { clinicId?: string; from: string; to: string }): Promise<string> {
  const url = clinicApi.statsCsvUrl(q);
  const name = `法律服务统计_${q.from}_${q.to}.csv`;
  if (isH5) {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw new Error('导出失败，请稍后再试');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = name;
    a.click();
    return `已开始下载 ${name}`;
  }
  const r = await Taro.downloadFile({ url, header: authHeader() });
  if (r.statusCode !== 200) throw new Error('导出失败，请稍后再试');
  await Taro.shareFileMessage({ filePath: r.tempFilePath, fileName: name }).catch(() => undefined);
  return `已导出 ${name}`;
}
