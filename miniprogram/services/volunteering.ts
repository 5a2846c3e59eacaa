/**
 * Typed client for the volunteering API (issue 4). One method per endpoint;
 * pages and hooks call these, nothing else builds volunteering URLs. Response
 * types are inferred from the routes' response schemas in shared/schemas/volunteering/*.ts.
 */
import type { TOut } from '@shared/schemas/common';
import type {
  TActivityCancelInput,
  TActivityCreateInput,
  TActivityListQuery,
  TActivityUpdateInput,
  ZActivityCancelled,
  ZActivityChanged,
  ZActivityList,
  ZActivityView,
} from '@shared/schemas/volunteering/activities';
import type {
  TAttendanceBody,
  ZAttendanceResultDto,
  ZAttendanceRows,
  ZCheckinQrDto,
} from '@shared/schemas/volunteering/attendance';
import type {
  ZCertificateDto,
  ZCertificateList,
  ZCertificateVerificationDto,
} from '@shared/schemas/volunteering/certificates';
import type {
  TCreateHelpRequest,
  THelpStatus,
  ZActivityDraftEnvelope,
  ZHelpRequestChanged,
  ZHelpRequestDetailPage,
  ZHelpRequestPage,
  ZHelpRequestView,
} from '@shared/schemas/volunteering/help-requests';
import type {
  THoursStatus,
  ZAdjustResult,
  ZBulkResultDto,
  ZHoursEntryEnvelope,
  ZHoursPage,
  ZHoursTotalsDto,
  ZLeaderboard,
} from '@shared/schemas/volunteering/hours';
import type {
  TSignupDecisionInput,
  ZApplicantsPage,
  ZMySignupsPage,
  ZSignupResult,
} from '@shared/schemas/volunteering/signups';
import type {
  TJoinDecisionInput,
  TTeamApplyInput,
  TTeamReviewInput,
  ZMembershipEnvelope,
  ZMembershipsList,
  ZNearbyTeamsPage,
  ZTeamApplicationsList,
  ZTeamEnvelope,
} from '@shared/schemas/volunteering/teams';
import type {
  TAppealDecisionInput,
  TVolunteerProfileUpdate,
  TVolunteerRegisterInput,
  ZNoShowAppealRow,
  ZNoShowAppealsList,
  ZNoShowEventEnvelope,
  ZVolunteerEnvelope,
  ZVolunteerMaybe,
} from '@shared/schemas/volunteering/volunteers';
import { getToken } from './session';
import { API_BASE, http } from './api';

const { request } = http;
const id = encodeURIComponent;

/** Query values the requester accepts (dates already ISO strings). */
type TQuery = Record<string, string | number | boolean | undefined | null>;

/*
 * Response types are inferred from the route's response schema in shared/ (TOut<typeof Z…>),
 * the same schema OpenAPI shows and the server's tests check every answer against.
 */
export type TActivityDetailEnvelope = TOut<typeof ZActivityView>;
export type TMyHours = TOut<typeof ZHoursPage>;
export type TTeamHours = TMyHours;
export type TNoShowAppealRow = TOut<typeof ZNoShowAppealRow>;
export type TAdjustResult = TOut<typeof ZAdjustResult>;

export type TActivityQuery = Partial<Omit<TActivityListQuery, 'suitable'>> & { suitable?: boolean };

export const volunteeringApi = {
  // Volunteers
  myVolunteer: () => request<TOut<typeof ZVolunteerMaybe>>({ path: '/api/volunteers/me' }),
  registerVolunteer: (input: Partial<TVolunteerRegisterInput>) =>
    request<TOut<typeof ZVolunteerEnvelope>>({ method: 'POST', path: '/api/volunteers', body: input }),
  updateVolunteer: (input: Partial<TVolunteerProfileUpdate>) =>
    request<TOut<typeof ZVolunteerEnvelope>>({ method: 'PATCH', path: '/api/volunteers/me', body: input }),
  appealNoShow: (eventId: string, reason: string) =>
    request<TOut<typeof ZVolunteerEnvelope>>({
      method: 'POST',
      path: `/api/volunteers/me/no-show-events/${id(eventId)}/appeal`,
      body: { reason },
    }),

  teamAppeals: (teamId: string) =>
    request<TOut<typeof ZNoShowAppealsList>>({ path: `/api/teams/${id(teamId)}/no-show-appeals` }),
  decideAppeal: (userId: string, eventId: string, input: TAppealDecisionInput) =>
    request<TOut<typeof ZNoShowEventEnvelope>>({
      method: 'POST',
      path: `/api/volunteers/${id(userId)}/no-show-events/${id(eventId)}/decision`,
      body: input,
    }),

  // Teams
  applyTeam: (input: TTeamApplyInput) =>
    request<TOut<typeof ZTeamEnvelope>>({ method: 'POST', path: '/api/teams', body: input }),
  nearbyTeams: (q: { lng: number; lat: number; radiusKm?: number; page?: number }) =>
    request<TOut<typeof ZNearbyTeamsPage>>({ path: '/api/teams/nearby', query: q, anonymous: !getToken() }),
  team: (teamId: string) =>
    request<TOut<typeof ZTeamEnvelope>>({ path: `/api/teams/${id(teamId)}`, anonymous: !getToken() }),
  teamMembers: (teamId: string, status: 'pending' | 'active' = 'active') =>
    request<TOut<typeof ZMembershipsList>>({ path: `/api/teams/${id(teamId)}/members`, query: { status, pageSize: 100 } }),
  joinTeam: (teamId: string, message?: string) =>
    request<TOut<typeof ZMembershipEnvelope>>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/join`,
      body: message ? { message } : {},
    }),
  decideJoin: (teamId: string, userId: string, input: TJoinDecisionInput) =>
    request<TOut<typeof ZMembershipEnvelope>>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/members/${id(userId)}/decision`,
      body: input,
    }),
  setMemberRole: (teamId: string, userId: string, role: 'member' | 'admin') =>
    request<TOut<typeof ZMembershipEnvelope>>({
      method: 'PATCH',
      path: `/api/teams/${id(teamId)}/members/${id(userId)}`,
      body: { role },
    }),
  teamApplications: (status: 'pending' | 'certified' | 'rejected' = 'pending') =>
    request<TOut<typeof ZTeamApplicationsList>>({ path: '/api/admin/team-applications', query: { status, pageSize: 100 } }),
  reviewTeam: (teamId: string, input: TTeamReviewInput) =>
    request<TOut<typeof ZTeamEnvelope>>({ method: 'POST', path: `/api/admin/teams/${id(teamId)}/review`, body: input }),

  // Activities
  activities: (q: TActivityQuery) =>
    request<TOut<typeof ZActivityList>>({ path: '/api/activities', query: q as TQuery, anonymous: !getToken() }),
  activity: (activityId: string) =>
    request<TOut<typeof ZActivityView>>({ path: `/api/activities/${id(activityId)}`, anonymous: !getToken() }),
  publishActivity: (input: TActivityCreateInput, idempotencyKey?: string) =>
    request<TOut<typeof ZActivityChanged>>({ method: 'POST', path: '/api/activities', body: input, idempotencyKey }),
  updateActivity: (activityId: string, input: TActivityUpdateInput) =>
    request<TOut<typeof ZActivityChanged>>({
      method: 'PATCH',
      path: `/api/activities/${id(activityId)}`,
      body: input,
    }),
  cancelActivity: (activityId: string, input: TActivityCancelInput) =>
    request<TOut<typeof ZActivityCancelled>>({
      method: 'POST',
      path: `/api/activities/${id(activityId)}/cancel`,
      body: input,
    }),

  // Signups
  signup: (shiftId: string, note?: string) =>
    request<TOut<typeof ZSignupResult>>({ method: 'POST', path: `/api/shifts/${id(shiftId)}/signups`, body: note ? { note } : {} }),
  cancelSignup: (signupId: string) =>
    request<TOut<typeof ZSignupResult>>({ method: 'POST', path: `/api/signups/${id(signupId)}/cancel` }),
  acceptOffer: (signupId: string) =>
    request<TOut<typeof ZSignupResult>>({
      method: 'POST',
      path: `/api/signups/${id(signupId)}/accept-offer`,
    }),
  mySignups: (scope: 'upcoming' | 'past' | 'all' = 'upcoming') =>
    request<TOut<typeof ZMySignupsPage>>({ path: '/api/volunteers/me/signups', query: { scope, pageSize: 50 } }),
  applicants: (activityId: string, q: { status?: string; shiftId?: string } = {}) =>
    request<TOut<typeof ZApplicantsPage>>({
      path: `/api/activities/${id(activityId)}/signups`,
      query: { ...q, pageSize: 100 },
    }),
  decideSignup: (signupId: string, input: TSignupDecisionInput) =>
    request<TOut<typeof ZSignupResult>>({
      method: 'POST',
      path: `/api/signups/${id(signupId)}/decision`,
      body: input,
    }),

  // Attendance
  checkinQr: (activityId: string, shiftId: string) =>
    request<TOut<typeof ZCheckinQrDto>>({ path: `/api/activities/${id(activityId)}/checkin-qr`, query: { shiftId } }),
  checkin: (body: TAttendanceBody) =>
    request<TOut<typeof ZAttendanceResultDto>>({ method: 'POST', path: '/api/attendance/checkin', body }),
  checkout: (body: TAttendanceBody) =>
    request<TOut<typeof ZAttendanceResultDto>>({ method: 'POST', path: '/api/attendance/checkout', body }),
  undoCheckout: (signupId: string) =>
    request<TOut<typeof ZAttendanceResultDto>>({ method: 'POST', path: '/api/attendance/checkout/undo', body: { signupId } }),
  attendance: (activityId: string) =>
    request<TOut<typeof ZAttendanceRows>>({ path: `/api/activities/${id(activityId)}/attendance` }),

  // Hours
  myHours: (page = 1) => request<TOut<typeof ZHoursPage>>({ path: '/api/me/hours', query: { page, pageSize: 50 } }),
  selfReport: (activityId: string, body: { shiftId: string; minutes: number; note?: string }) =>
    request<TOut<typeof ZHoursEntryEnvelope>>({
      method: 'POST',
      path: `/api/activities/${id(activityId)}/hours/self-report`,
      body,
    }),
  teamHours: (teamId: string, q: { status?: THoursStatus; activityId?: string } = {}) =>
    request<TOut<typeof ZHoursPage>>({ path: `/api/teams/${id(teamId)}/hours`, query: { ...q, pageSize: 100 } }),
  confirmHours: (teamId: string, entryIds: string[]) =>
    request<TOut<typeof ZBulkResultDto>>({ method: 'POST', path: `/api/teams/${id(teamId)}/hours/confirm`, body: { entryIds } }),
  rejectHours: (teamId: string, entryIds: string[], reason: string) =>
    request<TOut<typeof ZBulkResultDto>>({
      method: 'POST',
      path: `/api/teams/${id(teamId)}/hours/reject`,
      body: { entryIds, reason },
    }),
  adjustHours: (entryId: string, minutes: number, reason: string) =>
    request<TOut<typeof ZAdjustResult>>({ method: 'POST', path: `/api/hours/${id(entryId)}/adjust`, body: { minutes, reason } }),
  teamHoursSummary: (teamId: string) =>
    request<TOut<typeof ZHoursTotalsDto>>({ path: `/api/teams/${id(teamId)}/hours/summary`, anonymous: true }),
  leaderboard: (teamId?: string) =>
    request<TOut<typeof ZLeaderboard>>({ path: '/api/hours/leaderboard', query: { teamId }, anonymous: true }),

  // Certificates
  issueCertificate: (teamId?: string) =>
    request<TOut<typeof ZCertificateDto>>({ method: 'POST', path: '/api/me/certificates', body: teamId ? { teamId } : {} }),
  myCertificates: () => request<TOut<typeof ZCertificateList>>({ path: '/api/me/certificates' }),
  verifyCertificate: (serial: string) =>
    request<TOut<typeof ZCertificateVerificationDto>>({ path: `/api/certificates/${id(serial)}/verify`, anonymous: true }),
  certificatePdfUrl: (serial: string) => `${API_BASE}/api/me/certificates/${id(serial)}/pdf`,

  // Help requests
  createHelpRequest: (input: TCreateHelpRequest) =>
    request<TOut<typeof ZHelpRequestChanged>>({
      method: 'POST',
      path: '/api/help-requests',
      body: input,
    }),
  helpRequests: (category?: string, page = 1, pageSize = 20) =>
    request<TOut<typeof ZHelpRequestPage>>({
      path: '/api/help-requests',
      query: { category, page, pageSize },
      anonymous: !getToken(),
    }),
  helpRequest: (helpId: string) =>
    request<TOut<typeof ZHelpRequestView>>({ path: `/api/help-requests/${id(helpId)}`, anonymous: !getToken() }),
  myHelpRequests: () => request<TOut<typeof ZHelpRequestDetailPage>>({ path: '/api/me/help-requests' }),
  helpReviewQueue: (status: THelpStatus = 'pending_review') =>
    request<TOut<typeof ZHelpRequestDetailPage>>({ path: '/api/admin/help-requests', query: { status, pageSize: 100 } }),
  reviewHelpRequest: (helpId: string, decision: 'approve' | 'reject', reason?: string) =>
    request<TOut<typeof ZHelpRequestChanged>>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/review`,
      body: reason ? { decision, reason } : { decision },
    }),
  takeHelpRequest: (helpId: string, teamId: string) =>
    request<TOut<typeof ZActivityDraftEnvelope>>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/take`,
      body: { teamId },
    }),

  convertHelpRequest: (helpId: string, activityId: string) =>
    request<TOut<typeof ZHelpRequestChanged>>({
      method: 'POST',
      path: `/api/help-requests/${id(helpId)}/convert`,
      body: { activityId },
    }),
  closeHelpRequest: (helpId: string) =>
    request<TOut<typeof ZHelpRequestChanged>>({ method: 'POST', path: `/api/help-requests/${id(helpId)}/close` }),
};
