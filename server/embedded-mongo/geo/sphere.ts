/**
 * Spherical geometry on MongoDB's earth (radius 6378.1 km). Positions are `[lng, lat]` in
 * degrees; edges are great-circle arcs, as in MongoDB's 2dsphere (S2) geometry.
 */
export type LngLat = [number, number];
export type Vec3 = [number, number, number];

/** MongoDB's radius for 2dsphere distances (kRadiusOfEarthInMeters). */
export const EARTH_RADIUS_M = 6378100;

/** About 6 mm on the earth: positions closer than this are the same position. */
const EPS = 1e-9;

const RAD = Math.PI / 180;

/** Great-circle angle between two positions in radians (haversine, stable for small angles). */
export function angularDistance(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function distanceMeters(a: [number, number], b: [number, number]): number {
  return angularDistance(a, b) * EARTH_RADIUS_M;
}

/** Planar distance in coordinate units, as a 2d index measures it. */
export function flatDistance(a: LngLat, b: LngLat): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function toVec(p: LngLat): Vec3 {
  const lat = p[1] * RAD;
  const lng = p[0] * RAD;
  return [Math.cos(lat) * Math.cos(lng), Math.cos(lat) * Math.sin(lng), Math.sin(lat)];
}

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const norm = (a: Vec3): number => Math.sqrt(dot(a, a));
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const normalize = (a: Vec3): Vec3 => scale(a, 1 / norm(a));

/** Angle in radians between two unit vectors (atan2 form: accurate for tiny and large angles). */
function vecAngle(a: Vec3, b: Vec3): number {
  return Math.atan2(norm(cross(a, b)), dot(a, b));
}

/** True when p (unit vector) lies on the minor arc a-b (within EPS radians). */
export function onArc(p: Vec3, a: Vec3, b: Vec3): boolean {
  if (vecAngle(p, a) < EPS || vecAngle(p, b) < EPS) return true;
  const n = cross(a, b);
  const len = norm(n);
  if (len < 1e-15) return false;
  const u = scale(n, 1 / len);
  if (Math.abs(dot(p, u)) > EPS) return false;
  return dot(cross(a, p), u) >= -EPS && dot(cross(p, b), u) >= -EPS;
}

/** Angular distance (radians) from p to the minor arc a-b. */
export function arcDistance(p: Vec3, a: Vec3, b: Vec3): number {
  const n = cross(a, b);
  const len = norm(n);
  if (len > 1e-15) {
    const u = scale(n, 1 / len);
    // Foot of the perpendicular from p onto the great circle; inside the arc when between a and b.
    const foot = [p[0] - u[0] * dot(p, u), p[1] - u[1] * dot(p, u), p[2] - u[2] * dot(p, u)] as Vec3;
    const f = norm(foot);
    if (f > 1e-15) {
      const q = scale(foot, 1 / f);
      if (dot(cross(a, q), u) >= 0 && dot(cross(q, b), u) >= 0) return vecAngle(p, q);
    }
  }
  return Math.min(vecAngle(p, a), vecAngle(p, b));
}

/** Do the minor arcs a-b and c-d share at least one point (touching counts)? */
export function arcsIntersect(a: Vec3, b: Vec3, c: Vec3, d: Vec3): boolean {
  const n1 = cross(a, b);
  const n2 = cross(c, d);
  const l = cross(n1, n2);
  if (norm(l) < 1e-15) {
    // Same great circle (or a degenerate arc): they meet only if an endpoint lies on the other arc.
    return onArc(c, a, b) || onArc(d, a, b) || onArc(a, c, d) || onArc(b, c, d);
  }
  const i = normalize(l);
  const j = scale(i, -1);
  return (onArc(i, a, b) && onArc(i, c, d)) || (onArc(j, a, b) && onArc(j, c, d));
}

/**
 * A closed ring prepared for point-in-ring tests. A gnomonic projection centred on the ring maps
 * great-circle edges to straight lines, so a planar crossing test on the projection is exact for
 * rings that fit inside a hemisphere (MongoDB's default for polygons: the smaller region).
 */
export class SphericalRing {
  readonly vecs: Vec3[];
  private readonly center: Vec3;
  private readonly e1: Vec3;
  private readonly e2: Vec3;
  private readonly xy: [number, number][] | null;

  constructor(readonly coords: LngLat[]) {
    this.vecs = coords.map(toVec);
    const sum = this.vecs.slice(0, -1).reduce<Vec3>((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0]);
    this.center = norm(sum) < 1e-12 ? [0, 0, 1] : normalize(sum);
    const helper: Vec3 = Math.abs(this.center[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
    this.e1 = normalize(cross(helper, this.center));
    this.e2 = cross(this.center, this.e1);
    const fits = this.vecs.every((v) => dot(v, this.center) > 1e-6);
    this.xy = fits ? this.vecs.map((v) => this.project(v) as [number, number]) : null;
  }

  private project(v: Vec3): [number, number] | null {
    const c = dot(v, this.center);
    if (c <= 1e-12) return null;
    return [dot(v, this.e1) / c, dot(v, this.e2) / c];
  }

  onBoundary(p: Vec3): boolean {
    for (let i = 0; i + 1 < this.vecs.length; i++) if (onArc(p, this.vecs[i], this.vecs[i + 1])) return true;
    return false;
  }

  /** Strictly inside (boundary excluded; test onBoundary first when it matters). */
  contains(p: Vec3, lngLat: LngLat): boolean {
    if (this.xy) {
      const q = this.project(p);
      return q !== null && planarInRing(q, this.xy);
    }
    // Larger than a hemisphere: fall back to a planar test on raw coordinates.
    return planarInRing(lngLat, this.coords);
  }
}

/** Even-odd crossing test on a closed planar ring. */
export function planarInRing(p: [number, number], ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when p lies on the planar segment a-b (legacy flat geometry). */
export function onPlanarSegment(p: [number, number], a: [number, number], b: [number, number]): boolean {
  const crossZ = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  if (Math.abs(crossZ) > 1e-12 * Math.max(1, Math.hypot(b[0] - a[0], b[1] - a[1]))) return false;
  return (
    p[0] >= Math.min(a[0], b[0]) - 1e-12 &&
    p[0] <= Math.max(a[0], b[0]) + 1e-12 &&
    p[1] >= Math.min(a[1], b[1]) - 1e-12 &&
    p[1] <= Math.max(a[1], b[1]) + 1e-12
  );
}
