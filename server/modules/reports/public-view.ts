/**
 * The public map and list: filters (category, status, grid, bounding box) and a server-side
 * clustering for zoomed-out maps (counts per cell of a grid laid over the box). Rejected reports
 * and text held for review never show.
 *
 * A bounding box is answered through the 2dsphere index: `$geoNear` from the box's centre, bounded
 * by the circle around the box, with the box itself as plain coordinate ranges in its query. The
 * embedded engine serves `$geoNear` from the index cells it needs (a bare `$geoWithin $box` and
 * its count scan the whole collection), so a map view costs what it shows, not the district's size.
 */
import type { TPublicListQuery } from '@shared/schemas/reports/reports';
import { REPORT_STATUSES } from '@shared/schemas/reports/status';
import { Types } from 'mongoose';
import type { PipelineStage } from 'mongoose';
import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import { distanceM, parseBbox } from './geo';
import { Report, type ReportDoc } from './model';

const CLOSED = ['closed_fixed', 'closed_not_fixed'];
const HIDDEN = ['rejected', 'duplicate'];
const OPEN = REPORT_STATUSES.filter((s) => !CLOSED.includes(s) && !HIDDEN.includes(s));

/** The points in a box, nearest its centre first (`limit` of them, or all). */
export function inBox(bbox: string, filter: Record<string, unknown>, limit?: number): PipelineStage[] {
  const [minLng, minLat, maxLng, maxLat] = parseBbox(bbox);
  const center = { lng: (minLng + maxLng) / 2, lat: (minLat + maxLat) / 2 };
  const radius = Math.max(...[[minLng, minLat], [minLng, maxLat], [maxLng, minLat], [maxLng, maxLat]].map(([lng, lat]) => distanceM(center, { lng, lat })));
  return [
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [center.lng, center.lat] },
        distanceField: 'distanceM',
        maxDistance: radius + 1,
        spherical: true,
        query: { ...filter, 'location.coordinates.0': { $gte: minLng, $lte: maxLng }, 'location.coordinates.1': { $gte: minLat, $lte: maxLat } },
      },
    },
    ...(limit ? [{ $limit: limit }] : []),
  ];
}

/**
 * What presentPublicReport reads: the map leaves the history, attributes and case fields (most of
 * a report's bytes) in the engine instead of sending them over the wire and decoding them.
 */
const PUBLIC_FIELDS = Object.fromEntries(
  ['category', 'categoryLabel', 'description', 'address', 'location', 'status', 'fixedByDefault', 'sla.nextDueAt', 'anonymous', 'photos', 'heldPhotos', 'followers', 'createdAt', 'closedAt'].map((f) => [f, 1]),
);

/**
 * One page of the reports in a box, nearest the centre of the view first. `total` is counted only
 * up to REPORT_LIMITS.mapCountCap (or the page's end, if further): `capped` says there are more,
 * and the clusters give the real counts of a crowded view.
 */
export async function boxPage(bbox: string, filter: Record<string, unknown>, q: { page: number; pageSize: number }) {
  const upTo = Math.max(q.page * q.pageSize, REPORT_LIMITS.mapCountCap);
  const found = await Report.aggregate<ReportDoc>([...inBox(bbox, filter, upTo + 1), { $project: PUBLIC_FIELDS }]);
  const capped = found.length > upTo;
  return { items: found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: Math.min(found.length, upTo), capped };
}

/** `communityGrids`: the grids of the asked community (`communityId`), combined with `gridId` if both are given. */
export function publicFilter(q: Pick<TPublicListQuery, 'categoryCode' | 'status' | 'gridId'>, communityGrids?: readonly Types.ObjectId[]): Record<string, unknown> {
  const status =
    q.status === 'open' ? { $in: OPEN } : q.status === 'closed' ? { $in: CLOSED } : q.status && !HIDDEN.includes(q.status) ? q.status : { $nin: HIDDEN };
  return {
    status: q.status && HIDDEN.includes(q.status) ? { $in: [] } : status,
    contentFlag: 'pass',
    ...(q.categoryCode ? { category: q.categoryCode } : {}),
    ...(q.gridId ? { grid: new Types.ObjectId(q.gridId) } : {}),
    ...(communityGrids ? { grid: { $in: q.gridId ? communityGrids.filter((g) => String(g) === q.gridId) : [...communityGrids] } } : {}),
  };
}

export async function clusterReports(
  q: { bbox: string; cells: number; categoryCode?: string; status?: 'open' | 'closed' },
  now: Date,
): Promise<{ lng: number; lat: number; count: number; overdue: number }[]> {
  const [minLng, minLat, maxLng, maxLat] = parseBbox(q.bbox);
  const w = (maxLng - minLng) / q.cells || 1e-9;
  const h = (maxLat - minLat) / q.cells || 1e-9;
  const points = await Report.aggregate<Pick<ReportDoc, 'location' | 'sla'>>([
    ...inBox(q.bbox, publicFilter(q)),
    { $project: { location: 1, 'sla.nextDueAt': 1 } },
  ]);
  const cells = tallyCells(points, now, ([lng, lat]) => `${Math.min(q.cells - 1, Math.floor((lng - minLng) / w))}:${Math.min(q.cells - 1, Math.floor((lat - minLat) / h))}`);
  return [...cells.values()].map((c) => ({ lng: c.sx / c.count, lat: c.sy / c.count, count: c.count, overdue: c.overdue }));
}

export type CellTally = { sx: number; sy: number; count: number; overdue: number };
/** Counts points per cell (`keyOf`), with their overdue ones and position sums (for the mean). */
export function tallyCells<P extends Pick<ReportDoc, 'location' | 'sla'>>(points: readonly P[], now: Date, keyOf: (at: [number, number], p: P) => string): Map<string, CellTally> {
  const cells = new Map<string, CellTally>();
  for (const p of points) {
    const [lng, lat] = p.location.coordinates;
    const key = keyOf([lng, lat], p);
    const c = cells.get(key) ?? { sx: 0, sy: 0, count: 0, overdue: 0 };
    c.sx += lng;
    c.sy += lat;
    c.count++;
    if (p.sla?.nextDueAt && p.sla.nextDueAt.getTime() < now.getTime()) c.overdue++;
    cells.set(key, c);
  }
  return cells;
}
