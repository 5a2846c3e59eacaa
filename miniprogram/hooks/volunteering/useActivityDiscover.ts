import { useCallback, useEffect, useRef, useState } from 'react';
import type { TActivityCategory, TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import { formErrorsFrom } from '../../services/form-errors';
import { volunteeringApi, type TActivityQuery } from '../../services/volunteering';
import { currentPosition, type TPosition } from './location';

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
}

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
  if (f.sort === 'near' && pos) {
    q.lng = pos.lng;
    q.lat = pos.lat;
    q.radiusKm = 50;
  }
  return q;
}

/** 活动 tab: discovery list with 附近 / date / category / team / 适合我 filters and paging. */
export function useActivityDiscover(initial: Partial<TDiscoverFilters> = {}) {
  const [filters, setFilters] = useState<TDiscoverFilters>({ sort: 'time', date: 'all', suitable: false, ...initial });
  const [items, setItems] = useState<TActivitySummaryDto[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState<TPosition | null>(null);
  const seq = useRef(0);

  const load = useCallback(async (f: TDiscoverFilters, nextPage: number, pos: TPosition | null) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const res = await volunteeringApi.activities(buildActivityQuery(f, pos, nextPage));
      if (mine !== seq.current) return;
      setItems((prev) => (nextPage === 1 ? res.items : [...prev, ...res.items]));
      setHasMore(!!res.hasMore);
      setPage(nextPage);
    } catch (e) {
      if (mine === seq.current) setError(formErrorsFrom(e).form);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  const update = useCallback(
    async (patch: Partial<TDiscoverFilters>) => {
      const next = { ...filters, ...patch };
      let pos = position;
      if (next.sort === 'near' && !pos) {
        try {
          pos = await currentPosition();
          setPosition(pos);
        } catch (e) {
          setError((e as Error).message);
          next.sort = 'time';
        }
      }
      setFilters(next);
      await load(next, 1, pos);
    },
    [filters, position, load],
  );

  useEffect(() => {
    void load(filters, 1, null);
    // First load only; later loads go through update().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    filters,
    items,
    hasMore,
    loading,
    error,
    position,
    update,
    reload: () => load(filters, 1, position),
    more: hasMore ? () => load(filters, page + 1, position) : undefined,
  };
}
