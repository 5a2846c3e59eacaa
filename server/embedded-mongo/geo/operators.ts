/**
 * mingo query operators for MongoDB's geo queries, and the helpers the core uses to sort $near
 * results by distance. mingo 7 has no global operator registry: operators live in a `Context`,
 * so registration extends `Context.prototype.getOperator` with a fallback to these operators.
 * Operators a context defines itself still win.
 */
import { Context } from 'mingo';
import { badValue } from './errors';
import { num, parseGeometry, pointOf, shapesForQuery, type Shape } from './geojson';
import {
  angularDistanceToShape,
  flatPointsOf,
  inFlatRegion,
  intersects,
  PreparedShape,
  withinCap,
  withinPolygons,
  type FlatRegion,
} from './predicates';
import { EARTH_RADIUS_M, flatDistance, type LngLat } from './sphere';

type Doc = Record<string, unknown>;
type Predicate = (obj: Doc) => boolean;
type QueryOperator = (selector: string, value: unknown, options: { local?: { condition?: Doc } }) => Predicate;

export interface NearSpec {
  path: string;
  center: [number, number];
  maxDistance?: number;
  minDistance?: number;
  spherical: boolean;
  /** Units of the distances: meters for GeoJSON, radians for legacy $nearSphere, coordinate units for legacy $near. */
  unit: 'meters' | 'radians' | 'flat';
}

const isObj = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every value at a dotted path, descending into arrays of subdocuments as MongoDB does. */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const parts = path.split('.');
  const walk = (v: unknown, i: number): void => {
    if (i === parts.length) {
      if (v !== undefined) out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      if (/^\d+$/.test(parts[i])) walk(v[Number(parts[i])], i + 1);
      for (const item of v) if (isObj(item)) walk(item, i);
      return;
    }
    if (isObj(v)) walk(v[parts[i]], i + 1);
  };
  walk(doc, 0);
  return out;
}

function distanceArg(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = num(v);
  if (n === null) throw badValue(`${name} must be a number`);
  if (n < 0) throw badValue(`${name} must be non-negative`);
  return n;
}

/** Parse `{path: {$near|$nearSphere: ..., $maxDistance?, $minDistance?}}` into a NearSpec. */
function parseNear(path: string, op: '$near' | '$nearSphere', clause: Doc): NearSpec {
  const value = clause[op];
  let center: LngLat | null;
  let unit: NearSpec['unit'];
  let inner: Doc = {};
  if (isObj(value) && ('$geometry' in value || value.type === 'Point')) {
    const geometry = '$geometry' in value ? value.$geometry : value;
    center = isObj(geometry) && geometry.type === 'Point' ? pointOf(geometry) : null;
    if (!center) throw badValue(`invalid point in geo near query $geometry argument: ${JSON.stringify(geometry)}`);
    if (Math.abs(center[0]) > 180 || Math.abs(center[1]) > 90) {
      throw badValue(`longitude/latitude is out of bounds, lng: ${center[0]} lat: ${center[1]}`);
    }
    unit = 'meters';
    inner = value;
  } else {
    center = pointOf(value);
    if (!center) throw badValue(`near must be first in: ${JSON.stringify(clause)}`);
    unit = op === '$nearSphere' ? 'radians' : 'flat';
  }
  const maxDistance = distanceArg(inner.$maxDistance ?? clause.$maxDistance, '$maxDistance');
  const minDistance = distanceArg(inner.$minDistance ?? clause.$minDistance, '$minDistance');
  return { path, center, maxDistance, minDistance, spherical: unit !== 'flat', unit };
}

/** The $near/$nearSphere clause of a filter (top level or inside $and), or null. */
export function nearSpec(filter: Doc): NearSpec | null {
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) {
        const found = isObj(sub) ? nearSpec(sub) : null;
        if (found) return found;
      }
    } else if (!key.startsWith('$') && isObj(value)) {
      if ('$near' in value) return parseNear(key, '$near', value);
      if ('$nearSphere' in value) return parseNear(key, '$nearSphere', value);
    }
  }
  return null;
}

/** Distance from the spec's centre to a field value, in the spec's unit; null when it holds no location. */
export function distanceToValue(spec: NearSpec, value: unknown): number | null {
  if (spec.unit === 'flat') {
    const pts = flatPointsOf(value);
    return pts.length === 0 ? null : Math.min(...pts.map((p) => flatDistance(spec.center, p)));
  }
  const shapes = shapesForQuery(value);
  if (shapes.length === 0) return null;
  const rad = Math.min(...shapes.map((s) => angularDistanceToShape(spec.center, s)));
  return spec.unit === 'meters' ? rad * EARTH_RADIUS_M : rad;
}

/** Smallest distance from the spec's centre to the document's location(s), or null. */
export function nearDistance(spec: NearSpec, doc: Doc): number | null {
  let best: number | null = null;
  for (const v of valuesAt(doc, spec.path)) {
    const d = distanceToValue(spec, v);
    if (d !== null && (best === null || d < best)) best = d;
  }
  return best;
}

export function inRange(spec: NearSpec, d: number | null): boolean {
  if (d === null) return false;
  if (spec.maxDistance !== undefined && d > spec.maxDistance) return false;
  if (spec.minDistance !== undefined && d < spec.minDistance) return false;
  return true;
}

const nearOperator =
  (op: '$near' | '$nearSphere'): QueryOperator =>
  (selector, value, options) => {
    const sibling = options?.local?.condition?.[selector];
    const clause = isObj(sibling) && op in sibling ? sibling : { [op]: value };
    const spec = parseNear(selector, op, clause);
    return (obj) => inRange(spec, nearDistance(spec, obj));
  };

const docShapes = (obj: Doc, path: string): Shape[] => valuesAt(obj, path).flatMap(shapesForQuery);
const docFlatPoints = (obj: Doc, path: string): LngLat[] => valuesAt(obj, path).flatMap(flatPointsOf);

function pair(v: unknown, what: string): LngLat {
  const p = Array.isArray(v) ? pointOf(v) : null;
  if (!p) throw badValue(`${what}: point must be an array of two numbers: ${JSON.stringify(v)}`);
  return p;
}

function queryShape(value: Doc, op: string): PreparedShape {
  const shape = parseGeometry(value.$geometry);
  if (typeof shape === 'string') throw badValue(shape);
  if (!isObj(value.$geometry) || !('type' in value.$geometry)) {
    throw badValue(`${op} requires a GeoJSON $geometry: ${JSON.stringify(value.$geometry)}`);
  }
  return new PreparedShape(shape);
}

const geoWithin: QueryOperator = (selector, value) => {
  if (!isObj(value)) throw badValue(`$geoWithin not supported with provided geometry: ${JSON.stringify(value)}`);
  if ('$geometry' in value) {
    const prepared = queryShape(value, '$geoWithin');
    if (prepared.shape.polygons.length === 0 || prepared.shape.points.length + prepared.shape.lines.length > 0) {
      throw badValue(`$geoWithin not supported with provided geometry: ${JSON.stringify(value)}`);
    }
    return (obj) => docShapes(obj, selector).some((s) => withinPolygons(s, prepared));
  }
  if ('$centerSphere' in value) {
    const arg = value.$centerSphere;
    if (!Array.isArray(arg) || arg.length !== 2) throw badValue('$centerSphere requires an array of [center, radius]');
    const center = pair(arg[0], '$centerSphere');
    const radius = num(arg[1]);
    if (radius === null || radius < 0) throw badValue('$centerSphere radius must be a non-negative number');
    return (obj) => docShapes(obj, selector).some((s) => withinCap(s, center, radius));
  }
  const region = flatRegion(value);
  return (obj) => docFlatPoints(obj, selector).some((p) => inFlatRegion(p, region));
};

function flatRegion(value: Doc): FlatRegion {
  if ('$box' in value) {
    const arg = value.$box;
    if (!Array.isArray(arg) || arg.length !== 2) throw badValue('$box requires two corner points');
    const a = pair(arg[0], '$box');
    const b = pair(arg[1], '$box');
    return { kind: 'box', min: [Math.min(a[0], b[0]), Math.min(a[1], b[1])], max: [Math.max(a[0], b[0]), Math.max(a[1], b[1])] };
  }
  if ('$center' in value) {
    const arg = value.$center;
    if (!Array.isArray(arg) || arg.length !== 2) throw badValue('$center requires an array of [center, radius]');
    const radius = num(arg[1]);
    if (radius === null || radius < 0) throw badValue('$center radius must be a non-negative number');
    return { kind: 'center', center: pair(arg[0], '$center'), radius };
  }
  if ('$polygon' in value) {
    const arg = value.$polygon;
    if (!Array.isArray(arg) || arg.length < 3) throw badValue('Polygon must have at least 3 points');
    return { kind: 'polygon', ring: arg.map((p) => pair(p, '$polygon')) };
  }
  throw badValue(`unknown geo specifier: ${JSON.stringify(value)}`);
}

const geoIntersects: QueryOperator = (selector, value) => {
  if (!isObj(value) || !('$geometry' in value)) {
    throw badValue(`$geoIntersects not supported with provided geometry: ${JSON.stringify(value)}`);
  }
  const prepared = queryShape(value, '$geoIntersects');
  return (obj) => docShapes(obj, selector).some((s) => intersects(s, prepared));
};

/** $maxDistance / $minDistance sit beside a legacy $near; the $near operator reads them. */
const passThrough: QueryOperator = () => () => true;

export const GEO_QUERY_OPERATORS: Record<string, QueryOperator> = {
  $near: nearOperator('$near'),
  $nearSphere: nearOperator('$nearSphere'),
  $geoWithin: geoWithin,
  $within: geoWithin,
  $geoIntersects: geoIntersects,
  $maxDistance: passThrough,
  $minDistance: passThrough,
};

let registered = false;

/** Make the geo operators visible to every mingo Query and Aggregator in this process. */
export function registerGeoOperators(): void {
  if (registered) return;
  registered = true;
  const proto = Context.prototype as unknown as { getOperator(type: string, name: string): unknown };
  const original = proto.getOperator;
  proto.getOperator = function getOperatorWithGeo(this: unknown, type: string, name: string) {
    const found = original.call(this, type, name);
    if (found || type !== 'query') return found;
    return GEO_QUERY_OPERATORS[name] ?? null;
  };
}
