/**
 * 2dsphere index keys and the nearest-first search `$geoNear` runs on them.
 *
 * A 2dsphere index stores one key per point: the number of its 0.01° × 0.01° grid cell (about
 * 1.1 km), in the index's ordinary sorted list. Other geometries (lines, polygons) share the key
 * OTHER and are always candidates. `$geoNear` with a following `$limit` (or a `maxDistance`)
 * visits cells in rings around the centre until the nearest `limit` matches are certain, so its
 * cost follows the result size, not the collection size.
 */
import { isNumberLike, isPlainObject, toNumber, type Doc } from './values';

export const OTHER = -1;
const CELL_DEG = 0.01;
const LAT_CELLS = 18_001;
/** Beyond this many rings (~0.6°) the search gives up and the caller scans everything. */
const MAX_RING = 60;
const EARTH_RADIUS_M = 6_378_100;

/** Values of a geo field: arrays of subdocuments on the way are expanded, the end value kept whole. */
export function geoValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (cur: unknown, parts: string[]): void => {
    if (!parts.length) return void out.push(cur);
    if (Array.isArray(cur)) return cur.forEach((el) => isPlainObject(el) && walk(el, parts));
    if (isPlainObject(cur)) walk(cur[parts[0]], parts.slice(1));
  };
  walk(doc, path.split('.'));
  return out;
}

/** [lng, lat] of a GeoJSON Point or a legacy pair (`[x, y]` or `{lng, lat}`), else null. */
export function pointOf(v: unknown): [number, number] | null {
  let pair: unknown[] | null = null;
  if (isPlainObject(v)) pair = v.type === 'Point' && Array.isArray(v.coordinates) ? v.coordinates : 'type' in v ? null : Object.values(v);
  else if (Array.isArray(v)) pair = v;
  if (!pair || pair.length < 2 || !isNumberLike(pair[0]) || !isNumberLike(pair[1])) return null;
  return [toNumber(pair[0]), toNumber(pair[1])];
}

const cellX = (lng: number) => Math.floor((lng + 180) / CELL_DEG);
const cellY = (lat: number) => Math.floor((lat + 90) / CELL_DEG);
const cellKey = (x: number, y: number) => x * LAT_CELLS + y;

/** Index keys for the value(s) of a 2dsphere field. */
export function geoKeys(doc: Doc, field: string): number[] {
  const keys = new Set<number>();
  for (const v of geoValues(doc, field)) {
    if (v === undefined || v === null) continue;
    const p = pointOf(v);
    if (p) keys.add(cellKey(cellX(p[0]), cellY(p[1])));
    else if (Array.isArray(v) && v.every((x) => pointOf(x))) for (const x of v) keys.add(cellKey(cellX(pointOf(x)![0]), cellY(pointOf(x)![1])));
    else keys.add(OTHER);
  }
  return [...keys];
}

export interface NearSearch {
  center: [number, number];
  /** How many matches the caller needs (Infinity: all within maxMeters). */
  limit: number;
  maxMeters?: number;
  /** Matches nearer than this are not answers: they do not count toward `limit`. */
  minMeters?: number;
  /** Ids in one cell key (through the index). */
  cell(key: number): string[];
  /** Distance in meters to a candidate's nearest point, or null when it must be decided later. */
  distance(id: string): number | null;
  /** The stage's query on a candidate. */
  matches(id: string): boolean;
  /** Give up (null) after looking at this many index keys: the caller has a cheaper way. */
  maxKeys?: number;
}

/**
 * Candidate ids holding every match among the `limit` nearest (plus the OTHER bucket), or null
 * when the ring search cannot answer (near the poles or the antimeridian, or too far to reach).
 */
export function nearCandidates(s: NearSearch): string[] | null {
  const [lng, lat] = s.center;
  if (Math.abs(lat) > 80 || Math.abs(lng) + MAX_RING * CELL_DEG > 180) return null;
  if (s.limit === Infinity && s.maxMeters === undefined) return null;
  const cx = cellX(lng);
  const cy = cellY(lat);
  const other = s.cell(OTHER);
  let keys = other.length;
  const out = new Set<string>(other.filter((id) => s.matches(id)));
  // The distances of the nearest matches so far, ascending, at most `limit` of them: a point
  // farther than the limit-th of these can never be an answer, so its query is not even tested
  // (the query costs more than a distance). The bounds get a hair of slack (slack()): the stage
  // measures distances its own way.
  const best: number[] = [];
  const distances = new Map<string, number>();
  const lo = (s.minMeters ?? 0) * (1 - 1e-9) - 1e-6;
  const hi = s.maxMeters === undefined ? Infinity : slack(s.maxMeters);
  for (let r = 0; r <= MAX_RING; r++) {
    for (const [x, y] of ring(cx, cy, r)) {
      const ids = s.cell(cellKey(x, y));
      keys += ids.length;
      if (keys > (s.maxKeys ?? Infinity)) return null;
      for (const id of ids) {
        if (out.has(id)) continue;
        const d = s.distance(id);
        if (d !== null && (d < lo || d > hi || (best.length >= s.limit && d > slack(best[s.limit - 1])))) continue;
        if (!s.matches(id)) continue;
        out.add(id);
        if (d === null) continue;
        distances.set(id, d);
        if (best.length < s.limit || d < best[best.length - 1]) insertSorted(best, d, s.limit);
      }
    }
    // everything outside rings 0..r is at least this far (a 2 % margin covers the sphere's curvature)
    const bound = 0.98 * EARTH_RADIUS_M * ((r * CELL_DEG * Math.PI) / 180) * Math.cos((Math.min(Math.abs(lat) + (r + 1) * CELL_DEG, 89.9) * Math.PI) / 180);
    if ((s.maxMeters !== undefined && bound > s.maxMeters) || (best.length >= s.limit && bound >= best[s.limit - 1])) {
      return nearest(s, out, distances, lo);
    }
  }
  return null;
}

const slack = (m: number): number => m * (1 + 1e-9) + 1e-6;

/** Inserts d into the ascending list, keeping at most `cap` entries. */
function insertSorted(list: number[], d: number, cap: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > d) i -= 1;
  list.splice(i, 0, d);
  if (list.length > cap) list.length = cap;
}

/**
 * The candidates that can be among the `limit` nearest answers: those without a known distance,
 * and those from minMeters out to the limit-th distance (ties included). The rest of the rings'
 * matches are left out, so the stage computes distances for about a page, not for every point of
 * the rings.
 */
function nearest(s: NearSearch, out: Set<string>, distances: Map<string, number>, lo: number): string[] {
  const known = [...distances.values()];
  if (s.limit === Infinity || known.length <= s.limit) return [...out];
  known.sort((a, b) => a - b);
  const hi = slack(known[s.limit - 1]);
  return [...out].filter((id) => {
    const d = distances.get(id);
    return d === undefined || (d >= lo && d <= hi);
  });
}

function* ring(cx: number, cy: number, r: number): Generator<[number, number]> {
  if (r === 0) {
    yield [cx, cy];
    return;
  }
  for (let x = cx - r; x <= cx + r; x++) {
    yield [x, cy - r];
    yield [x, cy + r];
  }
  for (let y = cy - r + 1; y <= cy + r - 1; y++) {
    yield [cx - r, y];
    yield [cx + r, y];
  }
}
