/**
 * Areas as residents see them: the grids (a point inside each, the community they hold, nearest
 * first) for picking a place without a map, the grids of a community for the public list's area
 * filter, and the heat map of the public map (counts per grid or per geohash cell in a box).
 */
import type { Types } from 'mongoose';
import type { THeatQuery, TPublicGridDto } from '@shared/schemas/reports/areas';
import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import { allCommunities } from '../community/residents';
import type { TPolygon } from '@shared/schemas/reports/taxonomy';
import { distanceM, geohash, geohashCentre, insidePolygon, interiorPoint } from './geo';
import { Report, type GridDoc, type ReportDoc } from './model';
import { inBox, publicFilter, tallyCells } from './public-view';
import { gridAt, gridNames, listGrids } from './queries';

type Brief = Omit<TPublicGridDto, 'distanceM'> & { _id: Types.ObjectId };

/** Every grid with a point inside it and the community whose centre it holds (grids are few). */
async function briefGrids(): Promise<Brief[]> {
  const [grids, communities] = await Promise.all([listGrids(), allCommunities()]);
  return grids.map((g: GridDoc) => {
    // Stored as the schema validated it: closed rings of [lng, lat].
    const polygon = g.polygon as TPolygon;
    const c = communities.find((x) => x.location && insidePolygon(x.location, polygon));
    return { _id: g._id, id: String(g._id), code: g.code, name: g.name, centre: interiorPoint(polygon), community: c ? { id: c.id, name: c.name } : null };
  });
}

const shown = ({ _id, ...g }: Brief, distance?: number): TPublicGridDto => ({ ...g, ...(distance === undefined ? {} : { distanceM: Math.round(distance) }) });

/** The grids by code, or with a point nearest first with distances, and the grid holding it. */
export async function publicGrids(near?: { lng: number; lat: number }): Promise<{ items: TPublicGridDto[]; at: TPublicGridDto | null }> {
  const grids = await briefGrids();
  if (!near) return { items: grids.map((g) => shown(g)), at: null };
  // The grid a report at this point is routed by (the same query as routing).
  const holder = await gridAt(near);
  const dist = (g: Brief) => (holder && g._id.equals(holder._id) ? 0 : distanceM(near, g.centre));
  const items = grids.map((g) => ({ g, d: dist(g) })).sort((a, b) => a.d - b.d);
  const at = holder ? items.find((x) => x.d === 0 && x.g._id.equals(holder._id)) : undefined;
  return { items: items.map((x) => shown(x.g, x.d)), at: at ? shown(at.g, 0) : null };
}

/** The grids of a community (those holding its centre): the public list's area filter. */
export async function communityGridIds(communityId: string): Promise<Types.ObjectId[]> {
  return (await briefGrids()).filter((g) => g.community?.id === communityId).map((g) => g._id);
}

type HeatPoint = Pick<ReportDoc, 'location' | 'grid' | 'sla'>;

/**
 * Counts per grid or geohash cell of the public reports in a box, at most REPORT_LIMITS.heatCap
 * of them (nearest the box's centre: the 2dsphere index serves them, so a view costs what it
 * counts, not the district's size); `capped` says the view holds more.
 */
export async function heatMap(q: THeatQuery, now: Date) {
  const points = await Report.aggregate<HeatPoint>([
    ...inBox(q.bbox, publicFilter(q), REPORT_LIMITS.heatCap + 1),
    { $project: { location: 1, grid: 1, 'sla.nextDueAt': 1 } },
  ]);
  const capped = points.length > REPORT_LIMITS.heatCap;
  const counted = points.slice(0, REPORT_LIMITS.heatCap);
  const cells = tallyCells(counted, now, ([lng, lat], p) => (q.by === 'grid' ? (p.grid ? String(p.grid) : '') : geohash({ lng, lat }, q.precision)));
  const names = q.by === 'grid' ? await gridNames([...cells.keys()].filter(Boolean)) : new Map<string, string>();
  const out = [...cells.entries()].map(([key, c]) => {
    const at = q.by === 'cell' ? geohashCentre(key) : { lng: c.sx / c.count, lat: c.sy / c.count };
    const label = q.by === 'cell' ? key : key ? (names.get(key) ?? '已删除的网格') : '网格外';
    return { key, label, lng: at.lng, lat: at.lat, count: c.count, overdue: c.overdue };
  });
  return { by: q.by, cells: out.sort((a, b) => b.count - a.count), total: counted.length, capped };
}
