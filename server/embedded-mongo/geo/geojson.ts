/**
 * Reading GeoJSON and legacy coordinate pairs the way MongoDB's 2dsphere index does: parse into a
 * flat bag of points, lines and polygons, or explain why the value cannot be indexed.
 */
import { arcsIntersect, SphericalRing, toVec, type LngLat } from './sphere';

/** A parsed geometry: every GeoJSON type reduces to standalone points, lines and polygons. */
export interface Shape {
  points: LngLat[];
  lines: LngLat[][];
  /** Each polygon is a list of closed rings; the first is the shell, the rest are holes. */
  polygons: LngLat[][][];
}

const GEO_TYPES = new Set([
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
]);

/** Accepted `crs` names (MongoDB's default EPSG:4326); big-polygon strict winding is not supported. */
const CRS_OK = new Set(['EPSG:4326', 'urn:ogc:def:crs:OGC:1.3:CRS84']);

/** Numbers as plain JS or as BSON wrappers (Int32, Double, Long, Decimal128). */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v && typeof v === 'object' && '_bsontype' in v) {
    const t = (v as { _bsontype: string })._bsontype;
    if (t === 'Int32' || t === 'Double' || t === 'Long' || t === 'Decimal128') {
      const n = Number((v as { toString(): string }).toString());
      return Number.isFinite(n) ? n : null;
    }
  }
  return null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !('_bsontype' in v);
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (num(x) !== null && typeof x === 'object' ? num(x) : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A legacy pair `[x, y]` or `{ anyName: x, anyName2: y }` (first two values), else null. */
function legacyPair(v: unknown): LngLat | null {
  if (Array.isArray(v)) {
    if (v.length < 2) return null;
    const x = num(v[0]);
    const y = num(v[1]);
    return x === null || y === null ? null : [x, y];
  }
  if (isObj(v) && !('type' in v)) {
    const vals = Object.values(v);
    if (vals.length < 2) return null;
    const x = num(vals[0]);
    const y = num(vals[1]);
    return x === null || y === null ? null : [x, y];
  }
  return null;
}

/** The position of a GeoJSON Point or a legacy pair, `[lng, lat]`; null for anything else. */
export function pointOf(value: unknown): [number, number] | null {
  if (isObj(value) && value.type === 'Point') {
    const c = value.coordinates;
    if (!Array.isArray(c) || c.length < 2 || c.length > 3) return null;
    const x = num(c[0]);
    const y = num(c[1]);
    return x === null || y === null ? null : [x, y];
  }
  return legacyPair(value);
}

function position(v: unknown, what: string): LngLat | string {
  if (!Array.isArray(v)) return `${what} must be an array of coordinates: ${show(v)}`;
  if (v.length < 2 || v.length > 3) return `Point must only contain two or three numeric elements: ${show(v)}`;
  const x = num(v[0]);
  const y = num(v[1]);
  if (x === null || y === null || (v.length === 3 && num(v[2]) === null)) return `Point must only contain numeric elements: ${show(v)}`;
  return inBounds([x, y]);
}

function inBounds(p: LngLat): LngLat | string {
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) return `longitude/latitude is out of bounds, lng: ${p[0]} lat: ${p[1]}`;
  return p;
}

function positions(v: unknown, what: string): LngLat[] | string {
  if (!Array.isArray(v)) return `GeoJSON coordinates must be an array: ${show(v)}`;
  const out: LngLat[] = [];
  for (const item of v) {
    const p = position(item, what);
    if (typeof p === 'string') return p;
    out.push(p);
  }
  return out;
}

const samePos = (a: LngLat, b: LngLat): boolean => a[0] === b[0] && a[1] === b[1];

/** Rings are validated like S2 loops: closed, 3+ distinct vertices, no crossing edges. */
function ring(v: unknown, strict: boolean): LngLat[] | string {
  const ps = positions(v, 'Loop');
  if (typeof ps === 'string') return ps;
  if (ps.length < 4) return `Loop must have at least 3 different vertices: ${show(v)}`;
  if (!samePos(ps[0], ps[ps.length - 1])) {
    return `Loop is not closed, first vertex does not equal last vertex: ${show(ps[0])} ${show(ps[ps.length - 1])}`;
  }
  // Adjacent duplicates are harmless (S2 drops them); count what is left.
  const compact = ps.filter((p, i) => i === 0 || !samePos(p, ps[i - 1]));
  const distinct = new Set(compact.slice(0, -1).map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) return `Loop must have at least 3 different vertices: ${show(v)}`;
  const crossing = strict ? crossingEdges(compact) : null;
  if (crossing) return `Loop is not valid: ${show(v)} Edges ${crossing[0]} and ${crossing[1]} cross`;
  return compact;
}

/** First pair of non-adjacent edges that meet, for rings small enough to check pairwise. */
function crossingEdges(ps: LngLat[]): [number, number] | null {
  const n = ps.length - 1;
  if (n > 2000) return null;
  const vs = ps.map(toVec);
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (arcsIntersect(vs[i], vs[i + 1], vs[j], vs[j + 1])) return [i, j];
    }
  }
  return null;
}

function polygon(v: unknown, strict: boolean): LngLat[][] | string {
  if (!Array.isArray(v) || v.length === 0) return `Polygon coordinates must be a non-empty array of loops: ${show(v)}`;
  const rings: LngLat[][] = [];
  for (const r of v) {
    const parsed = ring(r, strict);
    if (typeof parsed === 'string') return parsed;
    rings.push(parsed);
  }
  if (strict && rings.length > 1) {
    const shell = new SphericalRing(rings[0]);
    for (const hole of rings.slice(1)) {
      const inside = hole.slice(0, -1).every((p) => shell.onBoundary(toVec(p)) || shell.contains(toVec(p), p));
      if (!inside) return `Secondary loops not contained by first exterior loop - secondary loops must be holes: ${show(hole)}`;
    }
  }
  return rings;
}

const empty = (): Shape => ({ points: [], lines: [], polygons: [] });

/** Parse one GeoJSON object (not a legacy pair). */
function geoJSON(v: Record<string, unknown>, strict: boolean, depth = 0): Shape | string {
  const type = v.type;
  if (typeof type !== 'string' || !GEO_TYPES.has(type)) return `unknown GeoJSON type: ${show(v)}`;
  if (v.crs !== undefined) {
    const name = isObj(v.crs) && isObj(v.crs.properties) ? v.crs.properties.name : undefined;
    if (typeof name !== 'string' || !CRS_OK.has(name)) return `unsupported GeoJSON crs: ${show(v.crs)}`;
  }
  const shape = empty();
  const c = v.coordinates;
  switch (type) {
    case 'Point': {
      const p = position(c, 'Point');
      if (typeof p === 'string') return p;
      shape.points.push(p);
      return shape;
    }
    case 'MultiPoint': {
      const ps = positions(c, 'MultiPoint');
      if (typeof ps === 'string') return ps;
      if (ps.length === 0) return `MultiPoint coordinates must have at least 1 element: ${show(v)}`;
      shape.points.push(...ps);
      return shape;
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = type === 'LineString' ? [c] : c;
      if (!Array.isArray(lines) || lines.length === 0) return `GeoJSON coordinates must be an array: ${show(v)}`;
      for (const l of lines) {
        const ps = positions(l, 'LineString');
        if (typeof ps === 'string') return ps;
        if (ps.length < 2) return `GeoJSON LineString must have at least 2 vertices: ${show(l)}`;
        shape.lines.push(ps);
      }
      return shape;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = type === 'Polygon' ? [c] : c;
      if (!Array.isArray(polys) || polys.length === 0) return `GeoJSON coordinates must be an array: ${show(v)}`;
      for (const p of polys) {
        const rings = polygon(p, strict);
        if (typeof rings === 'string') return rings;
        shape.polygons.push(rings);
      }
      return shape;
    }
    default: {
      // GeometryCollection
      if (depth > 0) return `GeometryCollection cannot be nested: ${show(v)}`;
      if (!Array.isArray(v.geometries) || v.geometries.length === 0) return `GeometryCollection geometries must be a non-empty array: ${show(v)}`;
      for (const g of v.geometries) {
        if (!isObj(g)) return `Element of GeometryCollection is not a GeoJSON object: ${show(g)}`;
        const sub = geoJSON(g, strict, depth + 1);
        if (typeof sub === 'string') return sub;
        shape.points.push(...sub.points);
        shape.lines.push(...sub.lines);
        shape.polygons.push(...sub.polygons);
      }
      return shape;
    }
  }
}

/**
 * Parse a single geometry: a GeoJSON object or a legacy pair. `strict` (index and query input)
 * also checks for crossing edges and stray holes, which is quadratic in the ring size; stored
 * values were checked on the way in, so reads skip it.
 */
export function parseGeometry(v: unknown, strict = true): Shape | string {
  if (isObj(v) && 'type' in v) return geoJSON(v, strict);
  const p = legacyPair(v);
  if (p) {
    const b = inBounds(p);
    if (typeof b === 'string') return b;
    return { points: [b], lines: [], polygons: [] };
  }
  if (Array.isArray(v) || isObj(v)) return `Point must only contain numeric elements: ${show(v)}`;
  return `geo element must be an array or object: ${show(v)}`;
}

/**
 * All geometries held by a document field value: one geometry, or an array of them (multikey).
 * Missing and null hold none. Returns an error message for values a 2dsphere index rejects.
 */
export function shapesOf(value: unknown, strict = true): Shape[] | string {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && (value.length === 0 || num(value[0]) === null)) {
    const out: Shape[] = [];
    for (const item of value) {
      const s = parseGeometry(item, strict);
      if (typeof s === 'string') return s;
      out.push(s);
    }
    return out;
  }
  const s = parseGeometry(value, strict);
  return typeof s === 'string' ? s : [s];
}

/** null when a 2dsphere index accepts the value (missing and null included), else the reason. */
export function validateGeoJSON(value: unknown): string | null {
  const r = shapesOf(value);
  return typeof r === 'string' ? r : null;
}

/** Like shapesOf, but values that are not geometry simply hold none (queries skip them). */
export function shapesForQuery(value: unknown): Shape[] {
  const r = shapesOf(value, false);
  if (typeof r !== 'string') return r;
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const s = parseGeometry(item, false);
    return typeof s === 'string' ? [] : [s];
  });
}
