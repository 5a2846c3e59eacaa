/**
 * Geometry predicates behind $geoWithin, $geoIntersects and $near: containment, intersection and
 * distance between a document's shapes and a query shape, on the sphere or (legacy) on the plane.
 */
import { pointOf, type Shape } from './geojson';
import {
  angularDistance,
  arcDistance,
  arcsIntersect,
  flatDistance,
  onArc,
  onPlanarSegment,
  planarInRing,
  SphericalRing,
  toVec,
  type LngLat,
  type Vec3,
} from './sphere';

type Edge = [Vec3, Vec3];

/** A query shape with its rings and edges precomputed once per query. */
export class PreparedShape {
  readonly points: Vec3[];
  readonly edges: Edge[];
  readonly polygons: SphericalRing[][];

  constructor(readonly shape: Shape) {
    this.points = shape.points.map(toVec);
    this.polygons = shape.polygons.map((rings) => rings.map((r) => new SphericalRing(r)));
    this.edges = [...shape.lines.map(lineEdges).flat(), ...this.polygons.flat().map((r) => ringEdges(r.vecs)).flat()];
  }

  /** p (with its lng/lat) lies on or inside this shape. */
  covers(p: Vec3, ll: LngLat): boolean {
    if (this.points.some((q) => onArc(p, q, q))) return true;
    if (this.edges.some(([a, b]) => onArc(p, a, b))) return true;
    return this.polygons.some((rings) => inPolygon(rings, p, ll));
  }
}

function lineEdges(line: LngLat[]): Edge[] {
  const vs = line.map(toVec);
  return ringEdges(vs);
}

function ringEdges(vs: Vec3[]): Edge[] {
  const out: Edge[] = [];
  for (let i = 0; i + 1 < vs.length; i++) out.push([vs[i], vs[i + 1]]);
  return out;
}

/** Inside the shell and not strictly inside a hole; boundaries count as inside. */
function inPolygon(rings: SphericalRing[], p: Vec3, ll: LngLat): boolean {
  const [shell, ...holes] = rings;
  if (!shell.onBoundary(p) && !shell.contains(p, ll)) return false;
  return holes.every((h) => h.onBoundary(p) || !h.contains(p, ll));
}

function vertices(s: Shape): LngLat[] {
  return [...s.points, ...s.lines.flat(), ...s.polygons.flat(2)];
}

function shapeEdges(s: Shape): Edge[] {
  return [...s.lines.map(lineEdges).flat(), ...s.polygons.flat().map(lineEdges).flat()];
}

/** $geoIntersects: the shapes share at least one point. */
export function intersects(doc: Shape, query: PreparedShape): boolean {
  for (const ll of vertices(doc)) if (query.covers(toVec(ll), ll)) return true;
  const docPrepared = new PreparedShape(doc);
  for (const ll of vertices(query.shape)) if (docPrepared.covers(toVec(ll), ll)) return true;
  const edges = shapeEdges(doc);
  for (const [a, b] of edges) for (const [c, d] of query.edges) if (arcsIntersect(a, b, c, d)) return true;
  return false;
}

/**
 * $geoWithin $geometry: every vertex of the document shape, and the midpoint of every edge, lies
 * in the query polygons (boundary included). The midpoint check catches edges leaving a concave
 * polygon between two inside vertices; it is an approximation of S2's exact containment.
 */
export function withinPolygons(doc: Shape, query: PreparedShape): boolean {
  if (query.polygons.length === 0) return false;
  const inside = (ll: LngLat): boolean => query.polygons.some((rings) => inPolygon(rings, toVec(ll), ll));
  if (!vertices(doc).every(inside)) return false;
  return shapeEdgesLngLat(doc).every(([a, b]) => inside(midpoint(a, b)));
}

function shapeEdgesLngLat(s: Shape): [LngLat, LngLat][] {
  const out: [LngLat, LngLat][] = [];
  for (const line of [...s.lines, ...s.polygons.flat()]) for (let i = 0; i + 1 < line.length; i++) out.push([line[i], line[i + 1]]);
  return out;
}

function midpoint(a: LngLat, b: LngLat): LngLat {
  const va = toVec(a);
  const vb = toVec(b);
  const m: Vec3 = [va[0] + vb[0], va[1] + vb[1], va[2] + vb[2]];
  const len = Math.hypot(...m);
  if (len < 1e-12) return a;
  return [(Math.atan2(m[1], m[0]) * 180) / Math.PI, (Math.asin(m[2] / len) * 180) / Math.PI];
}

/** $geoWithin $centerSphere: every vertex within `radians` of the centre (a cap is convex). */
export function withinCap(doc: Shape, center: LngLat, radians: number): boolean {
  const vs = vertices(doc);
  return vs.length > 0 && vs.every((v) => angularDistance(center, v) <= radians);
}

/** Smallest angular distance (radians) from the centre to the shape; 0 when inside a polygon. */
export function angularDistanceToShape(center: LngLat, doc: Shape): number {
  const c = toVec(center);
  let best = Infinity;
  for (const p of doc.points) best = Math.min(best, angularDistance(center, p));
  for (const [a, b] of shapeEdges(doc)) best = Math.min(best, arcDistance(c, a, b));
  if (best > 0 && doc.polygons.length > 0) {
    const prepared = new PreparedShape({ points: [], lines: [], polygons: doc.polygons });
    if (prepared.polygons.some((rings) => inPolygon(rings, c, center))) return 0;
  }
  return best;
}

/** Legacy points of a field value for flat (2d) queries: one pair, a GeoJSON point, or an array of them. */
export function flatPointsOf(value: unknown): LngLat[] {
  const p = pointOf(value);
  if (p && !(Array.isArray(value) && Array.isArray(value[0]))) return [p];
  if (Array.isArray(value)) return value.map(pointOf).filter((x): x is LngLat => x !== null);
  return [];
}

export type FlatRegion =
  | { kind: 'box'; min: LngLat; max: LngLat }
  | { kind: 'center'; center: LngLat; radius: number }
  | { kind: 'polygon'; ring: LngLat[] };

export function inFlatRegion(p: LngLat, r: FlatRegion): boolean {
  switch (r.kind) {
    case 'box':
      return p[0] >= r.min[0] && p[0] <= r.max[0] && p[1] >= r.min[1] && p[1] <= r.max[1];
    case 'center':
      return flatDistance(p, r.center) <= r.radius;
    case 'polygon': {
      const closed = [...r.ring, r.ring[0]];
      for (let i = 0; i + 1 < closed.length; i++) if (onPlanarSegment(p, closed[i], closed[i + 1])) return true;
      return planarInRing(p, r.ring);
    }
  }
}
