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
import { API_BASE, http } from './api';
import { uploadImage, type TChosenImage } from './media';
import { getToken } from './session';

const { request } = http;
const id = encodeURIComponent;

export type TReportDetail = TOut<typeof ZReportDetailDto>;
export type TReportChanged = TOut<typeof ZReportChanged>;
export type TStats = TOut<typeof ZStatsResult>;
export type TStaffQueue = 'dispatch' | 'mine' | 'department' | 'overdue' | 'all';
export type TStaffAction = (typeof STAFF_ACTIONS)[number];

/**
 * A grid as residents may see it (GET /api/report-grids): a point inside it, and with `near` the
 * distance to it. Typed here until the server's schema for it lands in shared/schemas/reports.
 */
export interface TPublicGrid {
  id: string;
  code: string;
  name: string;
  centre: { lng: number; lat: number };
  distanceM?: number;
}

export const reportPhotoUrl = (url: string): string => `${API_BASE}${url}`;

export const reportsApi = {
  categories: () => request<TOut<typeof ZCategoryList>>({ path: '/api/report-categories', anonymous: true }),
  grids: (near?: { lng: number; lat: number }) =>
    request<{ items: TPublicGrid[] }>({ path: '/api/report-grids', query: near ? { lng: near.lng, lat: near.lat } : undefined, anonymous: true }),
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
  publicList: (q: { categoryCode?: string; status?: string; page?: number }) =>
    request<TOut<typeof ZPublicReportPage>>({ path: '/api/reports', query: { ...q, pageSize: 30 }, anonymous: true }),
  queue: (queue: TStaffQueue) => request<TOut<typeof ZReportDetailPage>>({ path: '/api/staff/reports', query: { queue, pageSize: 50 } }),
  act: (reportId: string, action: TStaffAction, body: Partial<TReportActionBody> = {}) =>
    request<TReportChanged>({ method: 'POST', path: `/api/staff/reports/${id(reportId)}/${action}`, body: { photoIds: [], ...body } }),
  departments: () => request<TOut<typeof ZDepartmentList>>({ path: '/api/admin/report-departments' }),
  stats: (q: { from: string; to: string; by: string }) => request<TStats>({ path: '/api/admin/report-stats', query: q }),
  statsCsvUrl: (q: { from: string; to: string; by: string }) =>
    `${API_BASE}/api/admin/report-stats.csv?from=${id(q.from)}&to=${id(q.to)}&by=${id(q.by)}`,
};
