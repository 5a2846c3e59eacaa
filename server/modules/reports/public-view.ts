/**
 * The public map and list: filters (category, status, grid, bounding box) and a server-side
 * clustering for zoomed-out maps (counts per cell of a grid laid over the box). Rejected reports
 * and text held for review never show.
 */
import type { TPublicListQuery } from '@shared/schemas/reports/reports';
import { REPORT_STATUSES } from '@shared/schemas/reports/status';
import { Types } from 'mongoose';
import { parseBbox } from './geo';
import { Report, type ReportDoc } from './model';

const CLOSED = ['closed_fixed', 'closed_not_fixed'];
const HIDDEN = ['rejected', 'duplicate'];
const OPEN = REPORT_STATUSES.filter((s) => !CLOSED.includes(s) && !HIDDEN.includes(s));

const boxFilter = (bbox: string) => {
  const [minLng, minLat, maxLng, maxLat] = parseBbox(bbox);
  return { $geoWithin: { $box: [[minLng, minLat], [maxLng, maxLat]] } };
};

export function publicFilter(q: Pick<TPublicListQuery, 'categoryCode' | 'status' | 'gridId' | 'bbox'>): Record<string, unknown> {
  const status =
    q.status === 'open' ? { $in: OPEN } : q.status === 'closed' ? { $in: CLOSED } : q.status && !HIDDEN.includes(q.status) ? q.status : { $nin: HIDDEN };
  return {
    status: q.status && HIDDEN.includes(q.status) ? { $in: [] } : status,
    contentFlag: 'pass',
    ...(q.categoryCode ? { category: q.categoryCode } : {}),
    ...(q.gridId ? { grid: new Types.ObjectId(q.gridId) } : {}),
    ...(q.bbox ? { location: boxFilter(q.bbox) } : {}),
  };
}

export async function clusterReports(
  q: { bbox: string; cells: number; categoryCode?: string; status?: 'open' | 'closed' },
  now: Date,
): Promise<{ lng: number; lat: number; count: number; overdue: number }[]> {
  const [minLng, minLat, maxLng, maxLat] = parseBbox(q.bbox);
  const w = (maxLng - minLng) / q.cells || 1e-9;
  const h = (maxLat - minLat) / q.cells || 1e-9;
  const points = await Report.find(publicFilter(q), { location: 1, 'sla.nextDueAt': 1 })
    .limit(200_000)
    .lean<Pick<ReportDoc, 'location' | 'sla'>[]>();
  const cells = new Map<string, { sx: number; sy: number; count: number; overdue: number }>();
  for (const p of points) {
    const [lng, lat] = p.location.coordinates;
    const key = `${Math.min(q.cells - 1, Math.floor((lng - minLng) / w))}:${Math.min(q.cells - 1, Math.floor((lat - minLat) / h))}`;
    const c = cells.get(key) ?? { sx: 0, sy: 0, count: 0, overdue: 0 };
    c.sx += lng;
    c.sy += lat;
    c.count++;
    if (p.sla?.nextDueAt && p.sla.nextDueAt.getTime() < now.getTime()) c.overdue++;
    cells.set(key, c);
  }
  return [...cells.values()].map((c) => ({ lng: c.sx / c.count, lat: c.sy / c.count, count: c.count, overdue: c.overdue }));
}
