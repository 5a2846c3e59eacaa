/**
 * Where a report is: the district boundary (configured), grids (GeoJSON polygons in GCJ-02)
 * and distances. Point-in-polygon for the boundary runs in process (turf); grids are found by
 * the database's $geoIntersects on their 2dsphere index.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import kinks from '@turf/kinks';
import { ZPolygon, type TPolygon } from '@shared/schemas/reports/taxonomy';
import type { ServerConfig } from '../../../config/env';

/** The demo district (the demo seed's communities): a box of ±0.06° around its centre. */
export const DEMO_CENTER = { lng: 116.405, lat: 39.915 } as const;
const box = (c: { lng: number; lat: number }, dLng: number, dLat: number): TPolygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [c.lng - dLng, c.lat - dLat],
      [c.lng + dLng, c.lat - dLat],
      [c.lng + dLng, c.lat + dLat],
      [c.lng - dLng, c.lat + dLat],
      [c.lng - dLng, c.lat - dLat],
    ],
  ],
});
export const boxPolygon = box;
export const DEMO_DISTRICT: TPolygon = box(DEMO_CENTER, 0.06, 0.06);

const boundaries = new Map<string, TPolygon>();

/** The configured boundary (parsed once per value); a broken value falls back loudly to none. */
export function districtBoundary(config: Pick<ServerConfig, 'REPORTS_DISTRICT_BOUNDARY'>): TPolygon {
  const raw = config.REPORTS_DISTRICT_BOUNDARY;
  if (!raw) return DEMO_DISTRICT;
  const known = boundaries.get(raw);
  if (known) return known;
  const parsed = ZPolygon.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error('REPORTS_DISTRICT_BOUNDARY is not a GeoJSON Polygon');
  boundaries.set(raw, parsed.data);
  return parsed.data;
}

export const insidePolygon = (p: { lng: number; lat: number }, poly: TPolygon): boolean =>
  booleanPointInPolygon([p.lng, p.lat], turfPolygon(poly.coordinates));

/**
 * Why a polygon cannot be a grid, in Chinese, or null: rings not closed, a self-crossing ring
 * (turf's kinks), or degenerate rings.
 */
export function polygonProblem(poly: TPolygon): string | null {
  for (const ring of poly.coordinates) {
    const [a, z] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== z[0] || a[1] !== z[1]) return '多边形的环未闭合（首尾坐标应相同）';
  }
  try {
    if (kinks(turfPolygon(poly.coordinates)).features.length > 0) return '多边形的边自相交';
  } catch {
    return '多边形无效';
  }
  return null;
}

const EARTH_RADIUS_M = 6_378_100;
const rad = (d: number): number => (d * Math.PI) / 180;
/** Great-circle distance in metres (the sphere MongoDB's $geoNear uses). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const parseBbox = (s: string): [number, number, number, number] =>
  s.split(',').map(Number) as [number, number, number, number];

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
/** The geohash of a point (`precision` characters): cells of the heat map. */
export function geohash(p: { lng: number; lat: number }, precision: number): string {
  const range = { lng: [-180, 180], lat: [-90, 90] };
  let out = '';
  let bits = 0;
  let ch = 0;
  let even = true;
  while (out.length < precision) {
    const r = even ? range.lng : range.lat;
    const v = even ? p.lng : p.lat;
    const mid = (r[0] + r[1]) / 2;
    ch <<= 1;
    if (v >= mid) {
      ch |= 1;
      r[0] = mid;
    } else r[1] = mid;
    even = !even;
    if (++bits === 5) {
      out += BASE32[ch];
      bits = 0;
      ch = 0;
    }
  }
  return out;
}

/** The centre of a geohash cell. */
export function geohashCentre(hash: string): { lng: number; lat: number } {
  const range = { lng: [-180, 180], lat: [-90, 90] };
  let even = true;
  for (const c of hash) {
    const n = BASE32.indexOf(c);
    for (let b = 4; b >= 0; b--) {
      const r = even ? range.lng : range.lat;
      const mid = (r[0] + r[1]) / 2;
      if ((n >> b) & 1) r[0] = mid;
      else r[1] = mid;
      even = !even;
    }
  }
  return { lng: (range.lng[0] + range.lng[1]) / 2, lat: (range.lat[0] + range.lat[1]) / 2 };
}

/**
 * A point inside a polygon: the outer ring's area centroid when it is inside (convex and most
 * real grids), else the middle of the widest inside stretch of the horizontal line through it
 * (an L- or U-shaped grid, whose centroid can fall outside). Residents without a map pick a grid
 * and the report takes this point, so it must route to that grid.
 */
export function interiorPoint(poly: TPolygon): { lng: number; lat: number } {
  const ring = poly.coordinates[0];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  const c = a === 0 ? { lng: ring[0][0], lat: ring[0][1] } : { lng: cx / (3 * a), lat: cy / (3 * a) };
  if (insidePolygon(c, poly)) return c;
  const xs: number[] = [];
  for (const r of poly.coordinates)
    for (let i = 0; i < r.length - 1; i++) {
      const [x0, y0] = r[i];
      const [x1, y1] = r[i + 1];
      if (y0 === y1 || c.lat < Math.min(y0, y1) || c.lat >= Math.max(y0, y1)) continue;
      xs.push(x0 + ((c.lat - y0) / (y1 - y0)) * (x1 - x0));
    }
  xs.sort((p, q) => p - q);
  let best: { lng: number; lat: number } | null = null;
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (xs[i + 1] - xs[i] > widest) {
      widest = xs[i + 1] - xs[i];
      best = { lng: (xs[i] + xs[i + 1]) / 2, lat: c.lat };
    }
  return best ?? { lng: ring[0][0], lat: ring[0][1] };
}
