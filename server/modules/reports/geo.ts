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
