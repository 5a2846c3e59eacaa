/** 活动 tab filters → the discovery query (pure; unit-tested). */
import type { TActivityCategory } from '@shared/schemas/volunteering/activities';
import type { TActivityQuery } from '../../services/volunteering';
import type { TPosition } from './location';

export type TDiscoverSort = 'time' | 'near';
export type TDiscoverDate = 'all' | 'today' | 'week' | 'month';

export const DATE_OPTIONS: { key: TDiscoverDate; label: string }[] = [
  { key: 'all', label: '全部日期' },
  { key: 'today', label: '今天' },
  { key: 'week', label: '7 天内' },
  { key: 'month', label: '30 天内' },
];

export interface TDiscoverFilters {
  sort: TDiscoverSort;
  date: TDiscoverDate;
  category?: TActivityCategory;
  teamId?: string;
  suitable: boolean;
  /** The search box (title and description). */
  q?: string;
}

/** The 活动 tab's filters when it opens. */
export const DEFAULT_DISCOVER_FILTERS: TDiscoverFilters = { sort: 'time', date: 'all', suitable: false };

const DAY = 24 * 3600_000;

/** from/to for a date filter, days counted in Asia/Shanghai. */
export function dateWindow(date: TDiscoverDate, now = Date.now()): { from?: string; to?: string } {
  if (date === 'all') return {};
  const shanghaiMidnight = Math.floor((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
  const days = date === 'today' ? 1 : date === 'week' ? 7 : 30;
  return { from: new Date(now).toISOString(), to: new Date(shanghaiMidnight + days * DAY).toISOString() };
}

export function buildActivityQuery(f: TDiscoverFilters, pos: TPosition | null, page: number): TActivityQuery {
  const q: TActivityQuery = { page, pageSize: 20, ...dateWindow(f.date) };
  if (f.category) q.category = f.category;
  if (f.teamId) q.teamId = f.teamId;
  if (f.suitable) q.suitable = true;
  const words = f.q?.trim();
  if (words) q.q = words;
  if (f.sort === 'near' && pos) {
    q.lng = pos.lng;
    q.lat = pos.lat;
    q.radiusKm = 50;
  }
  return q;
}
