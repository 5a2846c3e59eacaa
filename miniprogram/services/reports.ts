/** 随手拍 client: reports, photos, follows, confirmation, staff queues and actions, stats. */
import type { TOut } from '@shared/schemas/common';
import type {
  TConfirmReport,
  TReportActionBody,
  TSubmitReport,
  ZNearbyResult,
  ZPhotoUploadDto,
  ZPublicReportPage,
  ZReportChanged,
  ZReportDetailDto,
  ZReportDetailPage,
  ZStatsResult,
  ZSubmitResult,
} from '@shared/schemas/reports/reports';
import { REPORT_LIMITS, type STAFF_ACTIONS } from '@shared/schemas/reports/reports';
import type { ZCategoryList, ZDepartmentList } from '@shared/schemas/reports/taxonomy';
import type { ZDuplicateCandidates, ZHandlerCandidates, ZHeatResult, ZPublicGridDto, ZPublicGridList } from '@shared/schemas/reports/areas';
import { API_BASE, http } from './api';
import { H5_MAP_KEY } from './map-key';
import { uploadImage, type TChosenImage } from './media';
import { getToken } from './session';

const { request } = http;
const id = encodeURIComponent;

export type TReportDetail = TOut<typeof ZReportDetailDto>;
export type TReportChanged = TOut<typeof ZReportChanged>;
export type TStats = TOut<typeof ZStatsResult>;
export type TStaffQueue = 'dispatch' | 'mine' | 'department' | 'overdue' | 'all';
export type TStaffAction = (typeof STAFF_ACTIONS)[number];

/** A grid as residents may see it (GET /api/report-grids): a point inside it, its community, the distance. */
export type TPublicGrid = TOut<typeof ZPublicGridDto>;
export type THeat = TOut<typeof ZHeatResult>;
export type THeatQuery = { bbox: string; by: 'grid' | 'cell'; categoryCode?: string; status?: string };
export type TDuplicateCandidate = TOut<typeof ZDuplicateCandidates>['items'][number];
export type THandlerCandidate = TOut<typeof ZHandlerCandidates>['items'][number];

/** weapp always has WeChat's map; H5 only with a key, else pages show lists (with distances or counts). */
export const reportsMapAvailable = (h5: boolean): boolean => !h5 || !!H5_MAP_KEY;

export const reportPhotoUrl = (url: string): string => `${API_BASE}${url}`;

export const reportsApi = {
  categories: () => request<TOut<typeof ZCategoryList>>({ path: '/api/report-categories', anonymous: true }),
  grids: (near?: { lng: number; lat: number }) =>
    request<TOut<typeof ZPublicGridList>>({ path: '/api/report-grids', query: near ? { lng: near.lng, lat: near.lat } : undefined, anonymous: true }),
  nearby: (categoryCode: string, p: { lng: number; lat: number }) =>
    request<TOut<typeof ZNearbyResult>>({ path: '/api/reports/nearby', query: { categoryCode, lng: p.lng, lat: p.lat }, anonymous: true }),
  uploadPhoto: (file: TChosenImage, onProgress?: (percent: number) => void) =>
    uploadImage<TOut<typeof ZPhotoUploadDto>>('/api/report-photos', file, REPORT_LIMITS.photoBytes, onProgress),
  submit: (body: TSubmitReport) => request<TOut<typeof ZSubmitResult>>({ method: 'POST', path: '/api/reports', body }),
  mine: (which: 'mine' | 'following') => request<TOut<typeof ZReportDetailPage>>({ path: '/api/me/reports', query: { which, pageSize: 50 } }),
  detail: (reportId: string) => request<TReportDetail>({ path: `/api/reports/${id(reportId)}`, anonymous: !getToken() }),
  follow: (reportId: string) => request<TReportChanged>({ method: 'POST', path: `/api/reports/${id(reportId)}/follow` }),
  confirm: (reportId: string, body: TConfirmReport) => request<TReportChanged>({ method: 'POST', path: `/api/reports/${id(reportId)}/confirm`, body }),
  reopen: (reportId: string, body: { reason: string }) => request<TReportChanged>({ method: 'POST', path: `/api/reports/${id(reportId)}/reopen`, body }),
  publicList: (q: { categoryCode?: string; status?: string; communityId?: string; gridId?: string; page?: number }) =>
    request<TOut<typeof ZPublicReportPage>>({ path: '/api/reports', query: { ...q, pageSize: 30 }, anonymous: true }),
  /** Counts per grid or map cell in a box (the heat map; without a map key, the list with counts). */
  heat: (q: THeatQuery) => request<THeat>({ path: '/api/reports/heat', query: q, anonymous: true }),
  /** Handlers of a department a dispatcher may name, with their open task counts. */
  handlerCandidates: (departmentId: string) => request<TOut<typeof ZHandlerCandidates>>({ path: '/api/staff/report-handlers', query: { departmentId } }),
  /** Open reports of the same category nearby that this one may duplicate. */
  duplicateCandidates: (reportId: string) => request<TOut<typeof ZDuplicateCandidates>>({ path: `/api/staff/reports/${id(reportId)}/duplicate-candidates` }),
  queue: (queue: TStaffQueue) => request<TOut<typeof ZReportDetailPage>>({ path: '/api/staff/reports', query: { queue, pageSize: 50 } }),
  act: (reportId: string, action: TStaffAction, body: Partial<TReportActionBody> = {}) =>
    request<TReportChanged>({ method: 'POST', path: `/api/staff/reports/${id(reportId)}/${action}`, body: { photoIds: [], ...body } }),
  departments: () => request<TOut<typeof ZDepartmentList>>({ path: '/api/admin/report-departments' }),
  stats: (q: { from: string; to: string; by: string }) => request<TStats>({ path: '/api/admin/report-stats', query: q }),
  statsCsvUrl: (q: { from: string; to: string; by: string }) =>
    `${API_BASE}/api/admin/report-stats.csv?from=${id(q.from)}&to=${id(q.to)}&by=${id(q.by)}`,
};
