/** aggregate: a leading $match uses the index path; $geoNear goes to the geo module; mingo runs the rest. */
import { aggregate as mingoAggregate, ProcessingMode } from 'mingo';
import { parseCollation, withCollation } from '../collation';
import { asServerError, err } from '../errors';
import { geo, usesGeo } from '../geo-bridge';
import { geoNearInput } from './geonear-input';
import { queryOptions } from '../mingo-context';
import { countRecs, findRecs } from '../query';
import { plainOf } from '../store/collection';
import { clonePlain, idKey, isPlainObject, restoreTyped, toPlain, type Doc } from '../values';
import { getColl, num, type Handler } from './context';

/** Stages that never write into their input documents, so stored views can be passed uncloned. */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$count', '$sort', '$limit', '$skip', '$project', '$sortByCount']);
/** MongoDB 7's stage names: anything else is 40324, as in MongoDB. */
const KNOWN_STAGES = new Set(
  '$addFields $bucket $bucketAuto $changeStream $collStats $count $currentOp $densify $documents $facet $fill $geoNear $graphLookup $group $indexStats $limit $listLocalSessions $listSessions $lookup $match $merge $out $planCacheStats $project $redact $replaceRoot $replaceWith $sample $search $searchMeta $set $setWindowFields $skip $sort $sortByCount $unionWith $unset $unwind $vectorSearch'.split(' '),
);
const UNSUPPORTED = new Set(['$out', '$merge', '$changeStream', '$currentOp', '$listSessions', '$collStats', '$indexStats', '$search']);

const aggregate: Handler = (cmd, ctx) => {
  if (typeof cmd.aggregate !== 'string') throw err(115, 'collection-less aggregate is not supported by the embedded engine');
  const name = cmd.aggregate;
  if (!Array.isArray(cmd.pipeline)) throw err(14, "'pipeline' option must be specified as an array");
  if (!isPlainObject(cmd.cursor) && cmd.explain !== true) throw err(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const pipeline = toPlain(cmd.pipeline) as Doc[];
  for (const stage of pipeline) {
    const op = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (!op) throw err(40323, 'A pipeline stage specification object must contain exactly one field.');
    if (!KNOWN_STAGES.has(op)) throw err(40324, `Unrecognized pipeline stage name: '${op}'`);
    if (UNSUPPORTED.has(op)) throw err(40324, `Unrecognized pipeline stage name: '${op}' (not supported by the embedded engine)`);
  }
  rejectNearInMatch(pipeline);
  const collation = parseCollation(cmd.collation);
  const counted = countShape(pipeline);
  if (counted) {
    const n = countRecs(getColl(ctx, name), { filter: counted.filter, skip: counted.skip, limit: counted.limit, txn: ctx.op.txn, collation });
    const rows = n ? [{ _id: counted.groupId, [counted.field]: n }] : [];
    return ctx.cursors.open(`${ctx.db}.${name}`, rows, undefined, false, ctx.lsid);
  }
  const safe = pipeline.every((s) => READ_ONLY_STAGES.has(Object.keys(s)[0]));
  const copy = (d: Doc) => (safe ? d : clonePlain(d));
  const coll = getColl(ctx, name);
  const txn = ctx.op.txn;
  let rest = pipeline;
  let input: Doc[];
  const first = pipeline[0] ? Object.keys(pipeline[0])[0] : undefined;
  if (first === '$geoNear') {
    const g = geo();
    if (!g) throw err(2, '$geoNear is not available in this build of the embedded engine');
    const spec = pipeline[0].$geoNear as Doc;
    rest = pipeline.slice(1);
    // The stage's `query` is answered on the index path first (only matching documents get a
    // distance); the stage copies what it outputs, so stored documents are cloned only when a
    // later stage may write into them.
    const query = isPlainObject(spec) && isPlainObject(spec.query) && !hasNear(spec.query) ? spec.query : null;
    // nearest first through the 2dsphere index when a $limit or maxDistance bounds the answer
    const indexed = query && usesGeo(query) ? null : geoNearInput(g, coll, spec, rest, collation);
    const docs = indexed ?? findRecs(coll, { filter: query ?? {}, txn, collation }).map((r) => plainOf(r));
    const near = g.geoNearStage(docs, spec, coll ? coll.specs() : [], query || indexed ? () => true : undefined);
    const restSafe = rest.every((s) => READ_ONLY_STAGES.has(Object.keys(s)[0]));
    input = restSafe ? near : near.map((d) => clonePlain(d));
  } else if (first === '$match') {
    input = findRecs(coll, { filter: pipeline[0].$match as Doc, txn, collation }).map((r) => copy(plainOf(r)));
    rest = pipeline.slice(1);
  } else {
    input = findRecs(coll, { filter: {}, txn }).map((r) => copy(plainOf(r)));
  }
  const resolver = (other: string): Doc[] => {
    return findRecs(getColl(ctx, other), { filter: {}, txn }).map((r) => copy(plainOf(r)));
  };
  let out: Doc[];
  try {
    // later $match/$sort stages compare strings by the collation too
    const options = queryOptions({ collectionResolver: resolver, processingMode: ProcessingMode.CLONE_OFF, ...(collation ? { collation: collation.spec as never } : {}) });
    out = rest.length ? withCollation(collation, () => mingoAggregate(input, rest, options) as Doc[]) : input;
  } catch (e) {
    throw asServerError(e);
  }
  // Documents that still carry a source document's _id get that document's BSON types back for
  // the fields they pass through (mingo computes on plain numbers).
  if (coll) {
    const noHints = new Map<number, unknown>();
    out = out.map((d) => {
      if (!isPlainObject(d) || d._id === undefined) return d;
      const src = coll.docs.get(idKey(d._id));
      return src ? (restoreTyped(d, src.t, noHints) as Doc) : d;
    });
  }
  const batchSize = num((cmd.cursor as Doc | undefined)?.batchSize);
  return ctx.cursors.open(`${ctx.db}.${name}`, out, batchSize, false, ctx.lsid);
};

const NEAR_OPS = new Set(['$near', '$nearSphere', '$geoNear']);

function hasNear(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasNear);
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, x]) => NEAR_OPS.has(k) || hasNear(x));
}

/** MongoDB refuses $near/$nearSphere in an aggregation $match (countDocuments too): code 2. */
function rejectNearInMatch(pipeline: unknown[]): void {
  for (const stage of pipeline) {
    if (!isPlainObject(stage)) continue;
    const [op, arg] = Object.entries(stage)[0] ?? [];
    if (op === '$match' && hasNear(arg)) throw err(2, '$geoNear, $near, and $nearSphere are not allowed in this context');
    if (op === '$facet' && isPlainObject(arg)) for (const sub of Object.values(arg)) if (Array.isArray(sub)) rejectNearInMatch(sub);
    if ((op === '$lookup' || op === '$unionWith') && isPlainObject(arg) && Array.isArray(arg.pipeline)) rejectNearInMatch(arg.pipeline);
  }
}

/**
 * The driver's countDocuments pipeline — [$match, ($skip), ($limit), $group {_id: <const>, n: {$sum: 1}}] —
 * answered by counting matches on the index path, without building documents for mingo.
 */
function countShape(pipeline: Doc[]): { filter: Doc; skip?: number; limit?: number; groupId: unknown; field: string } | null {
  const stages = pipeline.map((s) => [Object.keys(s)[0], Object.values(s)[0]] as [string, unknown]);
  if (stages.length < 2 || stages[0][0] !== '$match' || !isPlainObject(stages[0][1])) return null;
  const [op, group] = stages[stages.length - 1];
  if (op !== '$group' || !isPlainObject(group)) return null;
  const fields = Object.keys(group).filter((k) => k !== '_id');
  if (fields.length !== 1) return null;
  const acc = group[fields[0]];
  const groupId = group._id;
  if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || acc.$sum !== 1) return null;
  if (groupId === undefined || (typeof groupId === 'string' && groupId.startsWith('$')) || isPlainObject(groupId) || Array.isArray(groupId)) return null;
  let skip: number | undefined;
  let limit: number | undefined;
  for (const [name, arg] of stages.slice(1, -1)) {
    if (name === '$skip' && typeof arg === 'number' && skip === undefined && limit === undefined) skip = arg;
    else if (name === '$limit' && typeof arg === 'number' && limit === undefined) limit = arg;
    else return null;
  }
  return { filter: stages[0][1] as Doc, skip, limit, groupId, field: fields[0] };
}

export const aggregateCommands: Record<string, Handler> = { aggregate };
