/**
 * The documents `$geoNear` needs, found through the 2dsphere index (geo-grid.ts) when the stage is
 * followed by `$limit` or has a `maxDistance`: the nearest matches and little else, instead of
 * every document of the collection. null when the index cannot answer; the caller then scans.
 * A compound 2dsphere index with fields before the location answers only when the stage's query
 * pins each of them by an equality.
 */
import { Query } from 'mingo';
import { withCollation, type Collation } from '../collation';
import type { GeoModule } from '../geo-bridge';
import { nearCandidates, pointOf, geoValues } from '../geo-grid';
import { compileFilter } from '../filter';
import { equalityPrefix } from '../plan-bounds';
import { plannedKeys } from '../planner';
import { plainOf, type Collection } from '../store/collection';
import { isNumberLike, isPlainObject, toNumber, type Doc } from '../values';

const EARTH_RADIUS_M = 6_378_100;
/** Past this many keys in the query's own index, the ring search is always the better plan. */
const QUERY_INDEX_CAP = 20_000;

/**
 * How many of the nearest documents the stages after $geoNear can use: a run of $skip and $limit
 * stages (a page: `$skip n, $limit m` needs the nearest n + m, as MongoDB's own pipeline
 * optimisation moves the $limit before the $skip); Infinity when anything else comes first.
 */
export function leadingLimit(rest: Doc[]): number {
  let skipped = 0;
  let limit = Infinity;
  for (const stage of rest) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) break;
    if (isNumberLike(stage.$skip) && toNumber(stage.$skip) >= 0) skipped += toNumber(stage.$skip);
    else if (isNumberLike(stage.$limit)) limit = Math.min(limit, skipped + toNumber(stage.$limit));
    else break;
  }
  return limit;
}

/**
 * The stages after $geoNear without a leading `$sort` that only restates the stage's own order
 * (`{<distanceField>: 1}` or `{<distanceField>: 1, _id: 1}`: nearest first, equal distances in _id
 * order, as this engine emits them), so a page asked with an explicit tie order, which MongoDB
 * needs to page consistently, is still found as the nearest n + m. A multiplier of 0 or below
 * changes what the field sorts by, so then the $sort is kept.
 */
const ascending = (v: unknown) => isNumberLike(v) && toNumber(v) === 1;

export function withoutRestatedSort(spec: Doc, rest: Doc[]): Doc[] {
  const [first, ...others] = rest;
  if (!isPlainObject(first) || Object.keys(first).length !== 1 || !isPlainObject(first.$sort)) return rest;
  const field = typeof spec.distanceField === 'string' ? spec.distanceField : null;
  const multiplier = isNumberLike(spec.distanceMultiplier) ? toNumber(spec.distanceMultiplier) : 1;
  const keys = Object.entries(first.$sort);
  const restated =
    field !== null &&
    multiplier > 0 &&
    keys.length >= 1 &&
    keys.length <= 2 &&
    keys[0][0] === field &&
    ascending(keys[0][1]) &&
    (keys.length === 1 || (keys[1][0] === '_id' && ascending(keys[1][1])));
  return restated ? others : rest;
}

export function geoNearInput(g: GeoModule, coll: Collection | undefined, spec: Doc, rest: Doc[], collation: Collation | null): Doc[] | null {
  if (!coll || coll.pending.size || !isPlainObject(spec)) return null;
  const geoIndexes = coll.indexes.filter((ix) => Object.values(ix.spec.key).some((v) => v === '2dsphere' || v === '2d'));
  const key = typeof spec.key === 'string' ? spec.key : undefined;
  const ix = key ? geoIndexes.find((x) => x.geoFields.includes(key)) : geoIndexes.length === 1 ? geoIndexes[0] : undefined;
  if (!ix || !ix.geoFields.length || ix.spec.hidden) return null;
  const field = ix.geoFields[0];
  // A compound 2dsphere index is searched under the values its query pins on the fields before
  // the location (`{status: 1, location: '2dsphere'}` with `query: {status: 'published'}`).
  const leading = ix.fields.slice(0, ix.fields.indexOf(field));
  const query0 = isPlainObject(spec.query) ? spec.query : {};
  const prefix = leading.length ? equalityPrefix(query0, leading, true) : [];
  if (prefix.length < leading.length || (leading.length && ix.collation?.key !== collation?.key)) return null;
  const geoJSON = isPlainObject(spec.near) && 'type' in spec.near;
  const center = pointOf(spec.near);
  if (!center || (geoJSON && (spec.near as Doc).type !== 'Point')) return null;
  const toMeters = geoJSON ? 1 : EARTH_RADIUS_M; // a legacy point on 2dsphere: radians
  const maxMeters = isNumberLike(spec.maxDistance) ? toNumber(spec.maxDistance) * toMeters : undefined;
  const minMeters = isNumberLike(spec.minDistance) ? toNumber(spec.minDistance) * toMeters : undefined;
  const limit = leadingLimit(withoutRestatedSort(spec, rest));
  const query = isPlainObject(spec.query) && Object.keys(spec.query).length ? spec.query : null;
  const q = query ? compileFilter(query) : null;
  // A selective query with its own index (published activities among years of past ones) is
  // cheaper answered by the planner than by testing every point of the rings: the ring search
  // gives up once it has looked at more keys than the query's index holds (the caller then
  // filters the query's candidates and computes their distances).
  const maxKeys = query ? withCollation(collation, () => plannedKeys(coll, query, QUERY_INDEX_CAP)) : Infinity;
  if (maxKeys === 0) return [];
  const stats = { keys: 0 };
  const ids = withCollation(collation, () =>
    nearCandidates({
      center,
      limit,
      maxMeters,
      minMeters,
      maxKeys: maxKeys < QUERY_INDEX_CAP ? maxKeys : undefined,
      cell: (k) => {
        const ids: string[] = [];
        ix.walk([...prefix, k], 1, (id) => {
          stats.keys++;
          ids.push(id);
          return true;
        });
        return ids;
      },
      matches: (id) => {
        const rec = coll.docs.get(id);
        return !!rec && (!q || q.test(q instanceof Query ? plainOf(rec) : rec.t));
      },
      distance: (id) => {
        let best: number | null = null;
        for (const v of geoValues(coll.docs.get(id)!.t, field)) {
          const p = pointOf(v);
          if (!p) return null;
          const d = g.distanceMeters(center, p);
          if (best === null || d < best) best = d;
        }
        return best;
      },
    }),
  );
  if (!ids) return null;
  coll.stats.keysExamined += stats.keys;
  return ids.map((id) => plainOf(coll.docs.get(id)!));
}
