/**
 * Leaderboards of a period (issue 16), from the monthly rollups. Only subpackage pages import
 * this file, so it ships with them rather than in the main package (issue 15).
 */
import type { TOut } from '@shared/schemas/common';
import type { TBoardQuery, ZBoardDto } from '@shared/schemas/volunteering/stats';
import { http } from './api';

export type TBoardPeriod = TBoardQuery['period'];

export const BOARD_PERIODS: { value: TBoardPeriod; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '累计' },
];

export const statsApi = {
  leaderboard: (q: { teamId?: string; period: TBoardPeriod; limit?: number }) =>
    http.request<TOut<typeof ZBoardDto>>({ path: '/api/volunteering/leaderboard', query: q, anonymous: true }),
};
