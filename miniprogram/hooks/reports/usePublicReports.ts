import { useState } from 'react';
import { useAsync } from '../useAsync';
import { reportsApi, type TPublicGrid } from '../../services/reports';

export type TPublicView = 'list' | 'heat';
/** `c:<communityId>` or `g:<gridId>`; '' for everywhere. */
export type TAreaKey = string;

/** Degrees around the grids' centres: reports just outside every grid still count (网格外). */
const PAD = 0.05;

/** The box the heat map counts in: the grids' centres, padded. Null before the grids are known. */
export function districtBox(grids: readonly TPublicGrid[]): string | null {
  if (!grids.length) return null;
  const lngs = grids.map((g) => g.centre.lng);
  const lats = grids.map((g) => g.centre.lat);
  const f = (n: number) => n.toFixed(5);
  return [Math.min(...lngs) - PAD, Math.min(...lats) - PAD, Math.max(...lngs) + PAD, Math.max(...lats) + PAD].map(f).join(',');
}

/** The area choices: each community that has grids, then each grid. */
export function areaOptions(grids: readonly TPublicGrid[]): { key: TAreaKey; label: string }[] {
  const communities = new Map<string, string>();
  for (const g of grids) if (g.community) communities.set(g.community.id, g.community.name);
  return [
    { key: '', label: '全部区域' },
    ...[...communities].map(([id, name]) => ({ key: `c:${id}`, label: `社区 · ${name}` })),
    ...grids.map((g) => ({ key: `g:${g.id}`, label: `网格 · ${g.name}` })),
  ];
}

/**
 * 大家的上报: the list filtered by category, status and area (a community's grids or one grid),
 * and the heat view (counts per grid, and per map cell where a map shows them).
 */
export function usePublicReports(withMap: boolean) {
  const [status, setStatus] = useState('');
  const [categoryCode, setCategory] = useState('');
  const [area, setArea] = useState<TAreaKey>('');
  const [view, setView] = useState<TPublicView>('list');
  const cats = useAsync(() => reportsApi.categories(), []);
  const grids = useAsync(() => reportsApi.grids(), []);
  const gridItems = grids.data?.items ?? [];
  const communityId = area.startsWith('c:') ? area.slice(2) : undefined;
  const gridId = area.startsWith('g:') ? area.slice(2) : undefined;
  const list = useAsync(
    () => reportsApi.publicList({ status: status || undefined, categoryCode: categoryCode || undefined, communityId, gridId }),
    [status, categoryCode, area],
  );
  const bbox = districtBox(gridItems);
  const filters = { categoryCode: categoryCode || undefined, status: status || undefined };
  const byGrid = useAsync(() => reportsApi.heat({ bbox: bbox ?? '', by: 'grid', ...filters }), [bbox, status, categoryCode], view === 'heat' && !!bbox);
  const cells = useAsync(() => reportsApi.heat({ bbox: bbox ?? '', by: 'cell', ...filters }), [bbox, status, categoryCode], view === 'heat' && !!bbox && withMap);
  /** From a heat row to that grid's list. */
  const showGrid = (id: string) => {
    setArea(`g:${id}`);
    setView('list');
  };
  return { status, setStatus, categoryCode, setCategory, area, setArea, areas: areaOptions(gridItems), view, setView, cats, grids, list, byGrid, cells, showGrid, noGrids: !grids.loading && !gridItems.length };
}
