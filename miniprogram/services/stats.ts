/**
 * Volunteering statistics (team and district pages, CSV export) and the leaderboards of a period
 * (issue 16), from the monthly rollups. Only subpackage pages import this file, so it ships with
 * them rather than in the main package (issue 15).
 */
import type { TOut } from '@shared/schemas/common';
import type { TBoardQuery, ZBoardDto, ZStatsDto } from '@shared/schemas/volunteering/stats';
import { API_BASE, http } from './api';
import { buildQuery } from './request';

const id = encodeURIComponent;

export type TStatsQueryLite = {
  from?: string;
  to?: string;
  by?: 'month' | 'team';
};

export type TBoardPeriod = TBoardQuery['period'];

export const BOARD_PERIODS: { value: TBoardPeriod; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '累计' },
];

export const statsApi = {
  leaderboard: (q: { teamId?: string; period: TBoardPeriod; limit?: number }) =>
    http.request<TOut<typeof ZBoardDto>>({ path: '/api/volunteering/leaderboard', query: q, anonymous: true }),
  // Stats (Asia/Shanghai months; CSV is UTF-8 with BOM for Excel)
  teamStats: (teamId: string, q: TStatsQueryLite = {}) =>
    http.request<TOut<typeof ZStatsDto>>({ path: `/api/teams/${id(teamId)}/stats`, query: q }),
  districtStats: (q: TStatsQueryLite = {}) => http.request<TOut<typeof ZStatsDto>>({ path: '/api/admin/volunteering/stats', query: q }),
  teamStatsCsvUrl: (teamId: string, q: TStatsQueryLite = {}) => `${API_BASE}/api/teams/${id(teamId)}/stats.csv${buildQuery(q)}`,
  districtStatsCsvUrl: (q: TStatsQueryLite = {}) => `${API_BASE}/api/admin/volunteering/stats.csv${buildQuery(q)}`,
};
