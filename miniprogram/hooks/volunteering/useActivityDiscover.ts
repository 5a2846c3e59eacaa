import { useCallback, useEffect, useRef, useState } from 'react';
import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import { formErrorsFrom } from '../../services/form-errors';
import { readActivityList } from '../../services/first-screen';
import { buildActivityQuery, DEFAULT_DISCOVER_FILTERS, type TDiscoverFilters } from './discover-query';

export { DATE_OPTIONS, dateWindow, buildActivityQuery } from './discover-query';
export type { TDiscoverDate, TDiscoverFilters, TDiscoverSort } from './discover-query';
import { currentPosition, type TPosition } from './location';

export type TDiscoverView = 'list' | 'map';

/** 活动 tab: discovery list with search, 附近 / date / category / team / 适合我 filters, paging, list or map. */
export function useActivityDiscover(initial: Partial<TDiscoverFilters> = {}) {
  const [filters, setFilters] = useState<TDiscoverFilters>({ ...DEFAULT_DISCOVER_FILTERS, ...initial });
  const [items, setItems] = useState<TActivitySummaryDto[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState<TPosition | null>(null);
  const [view, setView] = useState<TDiscoverView>('list');
  const seq = useRef(0);

  const load = useCallback(async (f: TDiscoverFilters, nextPage: number, pos: TPosition | null) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const res = await readActivityList(buildActivityQuery(f, pos, nextPage));
      if (mine !== seq.current) return;
      setItems((prev) => (nextPage === 1 ? res.items : [...prev, ...res.items]));
      setHasMore(!!res.hasMore);
      setPage(nextPage);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(formErrorsFrom(e).form);
      // A failed new filter must not leave the previous filter's results under it.
      if (nextPage === 1) {
        setItems([]);
        setHasMore(false);
      }
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
      if (next.sort !== 'near') setView('list');
      await load(next, 1, pos);
      return next;
    },
    [filters, position, load],
  );

  /** 地图 needs the position and nearest-first order; 列表 keeps the current order. */
  const showView = useCallback(
    async (v: TDiscoverView) => {
      if (v === 'list') {
        setView('list');
        return;
      }
      const next = filters.sort === 'near' && position ? filters : await update({ sort: 'near' });
      setView(next.sort === 'near' ? 'map' : 'list');
    },
    [filters, position, update],
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
    view,
    showView,
    update,
    reload: () => load(filters, 1, position),
    more: hasMore ? () => load(filters, page + 1, position) : undefined,
  };
}
