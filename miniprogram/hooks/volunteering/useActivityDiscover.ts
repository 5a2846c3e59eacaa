import { useCallback, useEffect, useRef, useState } from 'react';
import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import { formErrorsFrom } from '../../services/form-errors';
import { volunteeringApi } from '../../services/volunteering';
import { buildActivityQuery, type TDiscoverFilters } from './discover-query';

export { DATE_OPTIONS, dateWindow, buildActivityQuery } from './discover-query';
export type { TDiscoverDate, TDiscoverFilters, TDiscoverSort } from './discover-query';
import { currentPosition, type TPosition } from './location';

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
