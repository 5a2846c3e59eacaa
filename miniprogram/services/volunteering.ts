/**
 * Typed client for the volunteering API (issue 4). One method per endpoint;
 * pages and hooks call these, nothing else builds volunteering URLs. Response
 * shapes come from shared/schemas/volunteering/*.ts.
 */
import type {
  TActivityCancelInput,
  TActivityCreateInput,
  TActivityDetailDto,
  TActivityListQuery,
  TActivitySummaryDto,
  TActivityUpdateInput,
} from '@shared/schemas/volunteering/activities';
import type {
  TAttendanceBody,
  TAttendanceResultDto,
  TAttendanceRowDto,
  TCheckinQrDto,
} from '@shared/schemas/volunteering/attendance';
import type { TCertificateDto, TCertificateVerificationDto } from '@shared/schemas/volunteering/certificates';
import type {
  TActivityDraftDto,
  TCreateHelpRequest,
  THelpRequestDetailDto,
  THelpRequestDto,
  THelpStatus,
} from '@shared/schemas/volunteering/help-requests';
import type {
  TBulkResultDto,
  THoursEntryDto,
  THoursStatus,
  THoursTotalsDto,
  TLeaderboardRowDto,
} from '@shared/schemas/volunteering/hours';
import type { TStatsDto } from '@shared/schemas/volunteering/stats';
import type {
  TApplicantDto,
  TSignupDecisionInput,
  TSignupDto,
  TSignupResult,
} from '@shared/schemas/volunteering/signups';
import type {
  TJoinDecisionInput,
  TMembershipDto,
  TTeamApplyInput,
  TTeamDetailDto,
  TTeamReviewInput,
  TTeamSummaryDto,
} from '@shared/schemas/volunteering/teams';
import type {
  TAppealDecisionInput,
  TNoShowEventDto,
  TVolunteerDto,
  TVolunteerProfileUpdate,
  TVolunteerRegisterInput,
} from '@shared/schemas/volunteering/volunteers';
import { buildQuery } from './request';
import { getToken } from './session';
import { API_BASE, http } from './api';

const { request } = http;
const id = encodeURIComponent;

/** Query values the requester accepts (dates already ISO strings). */
type TQuery = Record<string, string | number | boolean | undefined | null>;

export interface TListPage<T> {
  items: T[];
  hasMore?: boolean;
  total?: number;
  page?: number;
  pageSize?: number;
}

export interface TActivityDetailEnvelope {
  activity: TActivityDetailDto;
  mySignups: TSignupDto[];
  canManage: boolean;
}

export interface TMyHours {
  totals: THoursTotalsDto;
  items: THoursEntryDto[];
  total: number;
}

export type TTeamHours = TMyHours;

/** One pending no-show appeal as GET /api/teams/:id/no-show-appeals lists it. */
export interface TNoShowAppealRow {
  userId: string;
  volunteerNo: string;
  nameMasked: string;
  /** null when the event has no activity or the activity is gone. */
  activityTitle: string | null;
  event: TNoShowEventDto;
}

export interface TAdjustResult {
  outcome: string;
  before: { minutes: number } | number;
  after: unknown;
  adjustment: THoursEntryDto | null;
}

export type TActivityQuery = Partial<Omit<TActivityListQuery, 'suitable'>> & { suitable?: boolean };

export const volunteeringApi = {
  // Volunteers
  myVolunteer: () => request<{ volunteer: TVolunteerDto | null }>({ path: '/api/volunteers/me' }),
  registerVolunteer: (input: Partial<TVolunteerRegisterInput>) =>
    request<{ volunteer: TVolunteerDto }>({ method: 'POST', path: '/api/volunteers', body: input }),
  updateVolunteer: (input: Partial<TVolunteerProfileUpdate>) =>
    request<{ volunteer: TVolunteerDto }>({ method: 'PATCH', path: '/api/volunteers/me', body: input }),
  appealNoShow: (eventId: string, reason: string) =>
    request<{ volunteer: TVolunteerDto }>({
      method: 'POST',
      path: `/api/volunteers/me/no-show-events/${id(eventId)}/appeal`,
      body: { reason },
    }),

  teamAppeals: (teamId: string) =>
    request<{ items: TNoShowAppealRow[] }>({ path: `/api/teams/${id(teamId)}/no-show-appeals` }),
  decideAppeal: (userId: string, eventId: string, input: TAppealDecisionInput) =>
    request<{ event: TNoShowEventDto }>({
      method: 'POST',
      path: `/api/volunteers/${id(userId)}/no-show-events/${id(eventId)}/decision`,
      body: input,
    }),

  // Teams
  applyTeam: (input: TTeamApplyInput) =>
    request<{ team: TTeamDetailDto }>({ method: 'POST', path: '/api/teams', body: input }),
  nearbyTeams: (q: { lng: number; lat: number; radiusKm?: number; page?: number }) =>
    request<TListPage<TTeamSummaryDto>>({ path: '/api/teams/nearby', query: q, anonymous: !getToken() }),
  team: (teamId: string) =>
    request<{ team: TTeamDetailDto }>({ path: `/api/teams/${id(teamId)}`, anonymous: !getToken() }),
  teamMembers: (teamId: string, status: 'pending' | 'active' = 'active') =>
    request<TListPage<TMembershipDto>>({ path: `/api/teams/${id(teamId)}/members`, query: { status, pageSize: 100 } }),
  joinTeam: (teamId: string, message?: string) =>
    request<{ membership: TMembershipDto }>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/join`,
      body: message ? { message } : {},
    }),
  decideJoin: (teamId: string, userId: string, input: TJoinDecisionInput) =>
    request<{ membership: TMembershipDto }>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/members/${id(userId)}/decision`,
      body: input,
    }),
  setMemberRole: (teamId: string, userId: string, role: 'member' | 'admin') =>
    request<{ membership: TMembershipDto }>({
      method: 'PATCH',
      path: `/api/teams/${id(teamId)}/members/${id(userId)}`,
      body: { role },
    }),
  teamApplications: (status: 'pending' | 'certified' | 'rejected' = 'pending') =>
    request<TListPage<TTeamDetailDto>>({ path: '/api/admin/team-applications', query: { status, pageSize: 100 } }),
  reviewTeam: (teamId: string, input: TTeamReviewInput) =>
    request<{ team: TTeamDetailDto }>({ method: 'POST', path: `/api/admin/teams/${id(teamId)}/review`, body: input }),

  // Activities
  activities: (q: TActivityQuery) =>
    request<TListPage<TActivitySummaryDto>>({ path: '/api/activities', query: q as TQuery, anonymous: !getToken() }),
  activity: (activityId: string) =>
    request<TActivityDetailEnvelope>({ path: `/api/activities/${id(activityId)}`, anonymous: !getToken() }),
  publishActivity: (input: TActivityCreateInput, idempotencyKey?: string) =>
    request<{ activity: TActivityDetailDto }>({ method: 'POST', path: '/api/activities', body: input, idempotencyKey }),
  updateActivity: (activityId: string, input: TActivityUpdateInput) =>
    request<{ activity: TActivityDetailDto }>({
      method: 'PATCH',
      path: `/api/activities/${id(activityId)}`,
      body: input,
    }),
  cancelActivity: (activityId: string, input: TActivityCancelInput) =>
    request<{ activity: TActivityDetailDto; released: number }>({
      method: 'POST',
      path: `/api/activities/${id(activityId)}/cancel`,
      body: input,
    }),

  // Signups
  signup: (shiftId: string, note?: string) =>
    request<TSignupResult>({ method: 'POST', path: `/api/shifts/${id(shiftId)}/signups`, body: note ? { note } : {} }),
  cancelSignup: (signupId: string) =>
    request<{ outcome: string; signup: TSignupDto }>({ method: 'POST', path: `/api/signups/${id(signupId)}/cancel` }),
  acceptOffer: (signupId: string) =>
    request<{ outcome: string; signup: TSignupDto }>({
      method: 'POST',
      path: `/api/signups/${id(signupId)}/accept-offer`,
    }),
  mySignups: (scope: 'upcoming' | 'past' | 'all' = 'upcoming') =>
    request<TListPage<TSignupDto>>({ path: '/api/volunteers/me/signups', query: { scope, pageSize: 50 } }),
  applicants: (activityId: string, q: { status?: string; shiftId?: string } = {}) =>
    request<TListPage<TApplicantDto>>({
      path: `/api/activities/${id(activityId)}/signups`,
      query: { ...q, pageSize: 100 },
    }),
  decideSignup: (signupId: string, input: TSignupDecisionInput) =>
    request<{ outcome: string; signup: TSignupDto }>({
      method: 'POST',
      path: `/api/signups/${id(signupId)}/decision`,
      body: input,
    }),

  // Attendance
  checkinQr: (activityId: string, shiftId: string) =>
    request<TCheckinQrDto>({ path: `/api/activities/${id(activityId)}/checkin-qr`, query: { shiftId } }),
  checkin: (body: TAttendanceBody) =>
    request<TAttendanceResultDto>({ method: 'POST', path: '/api/attendance/checkin', body }),
  checkout: (body: TAttendanceBody) =>
    request<TAttendanceResultDto>({ method: 'POST', path: '/api/attendance/checkout', body }),
  undoCheckout: (signupId: string) =>
    request<TAttendanceResultDto>({ method: 'POST', path: '/api/attendance/checkout/undo', body: { signupId } }),
  attendance: (activityId: string) =>
    request<{ items: TAttendanceRowDto[] }>({ path: `/api/activities/${id(activityId)}/attendance` }),

  // Hours
  myHours: (page = 1) => request<TMyHours>({ path: '/api/me/hours', query: { page, pageSize: 50 } }),
  selfReport: (activityId: string, body: { shiftId: string; minutes: number; note?: string }) =>
    request<{ outcome: string; entry: THoursEntryDto }>({
      method: 'POST',
      path: `/api/activities/${id(activityId)}/hours/self-report`,
      body,
    }),
  teamHours: (teamId: string, q: { status?: THoursStatus; activityId?: string } = {}) =>
    request<TTeamHours>({ path: `/api/teams/${id(teamId)}/hours`, query: { ...q, pageSize: 100 } }),
  confirmHours: (teamId: string, entryIds: string[]) =>
    request<TBulkResultDto>({ method: 'POST', path: `/api/teams/${id(teamId)}/hours/confirm`, body: { entryIds } }),
  rejectHours: (teamId: string, entryIds: string[], reason: string) =>
    request<TBulkResultDto>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/hours/reject`,
      body: { entryIds, reason },
    }),
  adjustHours: (entryId: string, minutes: number, reason: string) =>
    request<TAdjustResult>({ method: 'POST', path: `/api/hours/${id(entryId)}/adjust`, body: { minutes, reason } }),
  teamHoursSummary: (teamId: string) =>
    request<THoursTotalsDto>({ path: `/api/teams/${id(teamId)}/hours/summary`, anonymous: true }),
  leaderboard: (teamId?: string) =>
    request<{ items: TLeaderboardRowDto[] }>({ path: '/api/hours/leaderboard', query: { teamId }, anonymous: true }),

  // Certificates
  issueCertificate: (teamId?: string) =>
    request<TCertificateDto>({ method: 'POST', path: '/api/me/certificates', body: teamId ? { teamId } : {} }),
  myCertificates: () => request<{ items: TCertificateDto[] }>({ path: '/api/me/certificates' }),
  verifyCertificate: (serial: string) =>
    request<TCertificateVerificationDto>({ path: `/api/certificates/${id(serial)}/verify`, anonymous: true }),
  certificatePdfUrl: (serial: string) => `${API_BASE}/api/me/certificates/${id(serial)}/pdf`,

  // Help requests
  createHelpRequest: (input: TCreateHelpRequest) =>
    request<{ outcome: string; request: THelpRequestDetailDto }>({
      method: 'POST',
      path: '/api/help-requests',
      body: input,
    }),
  helpRequests: (category?: string) =>
    request<TListPage<THelpRequestDto>>({ path: '/api/help-requests', query: { category }, anonymous: !getToken() }),
  myHelpRequests: () => request<TListPage<THelpRequestDetailDto>>({ path: '/api/me/help-requests' }),
  helpReviewQueue: (status: THelpStatus = 'pending_review') =>
    request<TListPage<THelpRequestDetailDto>>({ path: '/api/admin/help-requests', query: { status, pageSize: 100 } }),
  reviewHelpRequest: (helpId: string, decision: 'approve' | 'reject', reason?: string) =>
    request<{ outcome: string; request: THelpRequestDetailDto }>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/review`,
      body: reason ? { decision, reason } : { decision },
    }),
  takeHelpRequest: (helpId: string, teamId: string) =>
    request<{ outcome: string; request: THelpRequestDto; activityDraft: TActivityDraftDto }>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/take`,
      body: { teamId },
    }),

  convertHelpRequest: (helpId: string, activityId: string) =>
    request<{ outcome: string; request: THelpRequestDto }>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/convert`,
      body: { activityId },
    }),
  closeHelpRequest: (helpId: string) =>
    request<{ request: THelpRequestDto }>({ method: 'POST', path: `/api/help-requests/${id(helpId)}/close` }),

  // Stats (Asia/Shanghai months; CSV is UTF-8 with BOM for Excel)
  teamStats: (teamId: string, q: TStatsQueryLite = {}) =>
    request<TStatsDto>({ path: `/api/teams/${id(teamId)}/stats`, query: q }),
  districtStats: (q: TStatsQueryLite = {}) => request<TStatsDto>({ path: '/api/admin/volunteering/stats', query: q }),
  teamStatsCsvUrl: (teamId: string, q: TStatsQueryLite = {}) =>
    `${API_BASE}/api/teams/${id(teamId)}/stats.csv${buildQuery(q)}`,
  districtStatsCsvUrl: (q: TStatsQueryLite = {}) => `${API_BASE}/api/admin/volunteering/stats.csv${buildQuery(q)}`,
};

export type TStatsQueryLite = {
  from?: string;
  to?: string;
  by?: 'month' | 'team';
};
