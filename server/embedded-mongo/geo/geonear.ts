/**
 * The $geoNear aggregation stage: MongoDB rewrites it as `{query, <key>: {$near|$nearSphere}}`
 * and adds the distance (and optionally the matched location) to every output document.
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import { GeoError, badValue } from './errors';
import { num, pointOf } from './geojson';
import { distanceToValue, inRange, nearSpec, registerGeoOperators, valuesAt, type NearSpec } from './operators';

type IndexInfo = { key: Document; name: string };
type Matcher = (doc: Document, query: Document) => boolean;

const isObj = (v: unknown): v is Document => v !== null && typeof v === 'object' && !Array.isArray(v);

function optionalDistance(spec: Document, name: string): number | undefined {
  if (!(name in spec)) return undefined;
  const n = num(spec[name]);
  if (n === null) throw new GeoError(14, `${name} must be a number`);
  if (n < 0) throw new GeoError(2, `${name} must be nonnegative`);
  return n;
}

/** The geo-indexed field for $geoNear: the given key, else the only 2d index, else the only 2dsphere index. */
function geoField(indexes: IndexInfo[], key: string | undefined): { field: string; type: '2d' | '2dsphere' } {
  const geoFields = (type: string): string[] =>
    indexes.flatMap((ix) => Object.entries(ix.key).filter(([, v]) => v === type).map(([f]) => f));
  if (key !== undefined) {
    for (const type of ['2d', '2dsphere'] as const) if (geoFields(type).includes(key)) return { field: key, type };
    throw new GeoError(291, `error processing query: planner returned error :: caused by :: unable to find index for $geoNear query on key '${key}'`);
  }
  for (const type of ['2d', '2dsphere'] as const) {
    const found = geoFields(type);
    if (found.length > 1) throw new GeoError(27, `There is more than one ${type} index; unsure which to use for $geoNear`);
    if (found.length === 1) return { field: found[0], type };
  }
  throw new GeoError(27, '$geoNear requires a 2d or 2dsphere index, but none were found');
}

/** Copy of doc with value set at a dotted path (only the objects along the path are copied). */
export function setPath(doc: Document, path: string, value: unknown): Document {
  const [head, ...rest] = path.split('.');
  const out: Document = { ...doc };
  out[head] = rest.length === 0 ? value : setPath(isObj(doc[head]) ? (doc[head] as Document) : {}, rest.join('.'), value);
  return out;
}

function parseSpec(spec: Document): {
  near: unknown;
  distanceField: string;
  maxDistance?: number;
  minDistance?: number;
  multiplier: number;
  query: Document;
  includeLocs?: string;
  key?: string;
  spherical: boolean;
} {
  if (!isObj(spec)) throw new GeoError(10065, '$geoNear must take an object');
  if ('collation' in spec) {
    throw new GeoError(40227, "$geoNear does not accept the 'collation' parameter. Instead, specify a collation for the entire aggregation command.");
  }
  if ('limit' in spec) throw new GeoError(50858, "$geoNear no longer supports the 'limit' parameter. Use a $limit stage instead.");
  if ('num' in spec) throw new GeoError(50857, "$geoNear no longer supports the 'num' parameter. Use a $limit stage instead.");
  if ('start' in spec) throw new GeoError(50856, "$geoNear no longer supports the 'start' argument.");
  if (!('near' in spec)) throw new GeoError(5860400, "$geoNear requires a 'near' argument");
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '' || spec.distanceField.startsWith('$')) {
    throw new GeoError(16606, "$geoNear requires a 'distanceField' option as a String");
  }
  const maxDistance = optionalDistance(spec, 'maxDistance');
  const minDistance = optionalDistance(spec, 'minDistance');
  const multiplier = optionalDistance(spec, 'distanceMultiplier') ?? 1;
  if ('query' in spec && !isObj(spec.query)) throw new GeoError(14, 'query must be an object');
  if ('includeLocs' in spec && typeof spec.includeLocs !== 'string') {
    throw new GeoError(16607, "$geoNear requires that 'includeLocs' option is a String");
  }
  if ('key' in spec) {
    if (typeof spec.key !== 'string') throw new GeoError(14, "$geoNear parameter 'key' must be of type string");
    if (spec.key === '') throw new GeoError(2, "$geoNear parameter 'key' cannot be the empty string");
  }
  if (!isObj(spec.near) && !Array.isArray(spec.near)) {
    throw new GeoError(5860401, '$geoNear requires near argument to be a GeoJSON object or a legacy point(array)');
  }
  return {
    near: spec.near,
    distanceField: spec.distanceField,
    maxDistance,
    minDistance,
    multiplier,
    query: (spec.query as Document | undefined) ?? {},
    includeLocs: spec.includeLocs as string | undefined,
    key: spec.key as string | undefined,
    spherical: Boolean(spec.spherical),
  };
}

/** Units follow MongoDB: GeoJSON near is meters; a legacy point is radians on 2dsphere (or with spherical), flat on 2d. */
function toNearSpec(p: ReturnType<typeof parseSpec>, field: string, type: '2d' | '2dsphere'): NearSpec {
  const geoJSON = isObj(p.near) && 'type' in p.near;
  const center = geoJSON ? ((p.near as Document).type === 'Point' ? pointOf(p.near) : null) : pointOf(p.near);
  if (!center) throw badValue(`invalid argument in geo near query: ${JSON.stringify(p.near)}`);
  if (geoJSON && type === '2d') {
    throw new GeoError(291, 'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query');
  }
  if ((geoJSON || type === '2dsphere') && (Math.abs(center[0]) > 180 || Math.abs(center[1]) > 90)) {
    throw badValue(`longitude/latitude is out of bounds, lng: ${center[0]} lat: ${center[1]}`);
  }
  const unit: NearSpec['unit'] = geoJSON ? 'meters' : type === '2dsphere' || p.spherical ? 'radians' : 'flat';
  return { path: field, center, maxDistance: p.maxDistance, minDistance: p.minDistance, spherical: unit !== 'flat', unit };
}

function defaultMatcher(): Matcher {
  registerGeoOperators();
  const cache = new Map<Document, Query>();
  return (doc, query) => {
    let q = cache.get(query);
    if (!q) {
      q = new Query(query);
      cache.set(query, q);
    }
    return q.test(doc);
  };
}

function tieOrder(a: Document, b: Document): number {
  const x = String(a._id);
  const y = String(b._id);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Run $geoNear over a collection's documents. `indexes` are the collection's index specs;
 * `matcher` evaluates `query` (defaults to mingo with the geo operators registered).
 */
export function geoNearStage(docs: Document[], spec: Document, indexes: IndexInfo[], matcher?: Matcher): Document[] {
  const p = parseSpec(spec);
  const { field, type } = geoField(indexes, p.key);
  const near = toNearSpec(p, field, type);
  if (nearSpec(p.query)) throw badValue('$geoNear, $near, and $nearSphere are not allowed in this context');
  const matches = matcher ?? defaultMatcher();
  const hits: { doc: Document; distance: number; loc: unknown }[] = [];
  for (const doc of docs) {
    let best: number | null = null;
    let loc: unknown;
    for (const value of valuesAt(doc, field)) {
      // A multikey field holds several locations: MongoDB reports the document once, at the nearest.
      const candidates = Array.isArray(value) && pointOf(value) === null ? value : [value];
      for (const c of candidates) {
        const d = distanceToValue(near, c);
        if (d !== null && (best === null || d < best)) {
          best = d;
          loc = c;
        }
      }
    }
    if (!inRange(near, best) || !matches(doc, p.query)) continue;
    hits.push({ doc, distance: best as number, loc });
  }
  // Equal distances (activities at one address) in _id order: MongoDB leaves ties unordered, but
  // pages of one list must agree whichever way the candidates were found (index rings or a scan).
  // Ordered by the true distance: distanceMultiplier only scales the reported field (a multiplier
  // of 0 must not turn the order into _id order).
  hits.sort((a, b) => a.distance - b.distance || tieOrder(a.doc, b.doc));
  return hits.map(({ doc, distance, loc }) => {
    let out = setPath(doc, p.distanceField, distance * p.multiplier);
    if (p.includeLocs) out = setPath(out, p.includeLocs, loc);
    return out;
  });
}
