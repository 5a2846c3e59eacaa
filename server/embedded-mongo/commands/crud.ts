/** Reads (find, getMore, count, distinct, explain), inserts and deletes. */
import { ObjectId } from 'bson';
import { asServerError, err, MongoServerError } from '../errors';
import { geo, usesGeo } from '../geo-bridge';
import { parseCollation, type Collation } from '../collation';
import type { Plan } from '../planner';
import { makeProjector } from '../projection';
import { countRecs, findRecs } from '../query';
import { plainOf, type Collection, type Rec } from '../store/collection';
import { WaitForTransaction } from '../store/engine';
import { compareValues, idKey, isPlainObject, pathValues, type Doc } from '../values';
import { checkDocSize, collName, docArg, ensureColl, getColl, num, plainFilter, type CmdCtx, type Handler } from './context';

/** Sorts by distance when the filter has $near/$nearSphere (MongoDB's order for those queries). */
function nearOrder(coll: Collection | undefined, recs: Rec[], filter: Doc): Rec[] {
  if (!usesGeo(filter)) return recs;
  const g = geo();
  if (!g) throw err(2, 'geo query operators are not available in this build of the embedded engine');
  const spec = g.nearSpec(filter);
  if (!spec) return recs;
  if (!coll?.indexes.some((i) => i.fields.some((f) => f === spec.path && (i.spec.key[f] === '2dsphere' || i.spec.key[f] === '2d'))))
    throw err(291, 'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query');
  const dist = (r: Rec): number => {
    if (g.nearDistance) return g.nearDistance(spec, plainOf(r)) ?? Infinity;
    let best = Infinity;
    for (const v of pathValues(plainOf(r), spec.path)) {
      const pt = pointOf(v);
      if (pt) best = Math.min(best, g.distanceMeters(spec.center, pt));
    }
    return best;
  };
  return recs
    .map((r) => ({ r, d: dist(r) }))
    .sort((a, b) => a.d - b.d)
    .map((x) => x.r);
}

function pointOf(v: unknown): [number, number] | null {
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  if (isPlainObject(v) && Array.isArray(v.coordinates)) return pointOf(v.coordinates);
  if (isPlainObject(v)) {
    const vals = Object.values(v);
    if (typeof vals[0] === 'number' && typeof vals[1] === 'number') return [vals[0], vals[1]];
  }
  return null;
}

export interface ReadSpec {
  filter: Doc;
  txn?: object;
  sort?: Doc;
  skip?: number;
  limit?: number;
  collation?: Collation | null;
}

/** find semantics shared by find, findAndModify and update: matching records in result order. */
export function readRecs(coll: Collection | undefined, spec: ReadSpec, planOut?: { plan?: Plan }): Rec[] {
  const near = usesGeo(spec.filter) && !(spec.sort && Object.keys(spec.sort).length);
  if (!near) return findRecs(coll, spec, planOut);
  const all = findRecs(coll, { filter: spec.filter, txn: spec.txn, collation: spec.collation }, planOut);
  const sorted = nearOrder(coll, all, spec.filter);
  const skip = spec.skip ?? 0;
  return sorted.slice(skip, spec.limit ? skip + spec.limit : undefined);
}

function findSpec(cmd: Doc): ReadSpec & { batchSize?: number; singleBatch: boolean } {
  let limit = num(cmd.limit, 0)!;
  let singleBatch = cmd.singleBatch === true;
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const skip = num(cmd.skip, 0)!;
  if (skip < 0) throw err(51024, `BSON field 'skip' value must be >= 0, actual value '${skip}'`);
  return { filter: plainFilter(cmd.filter), sort: docArg(cmd.sort, 'sort'), skip, limit, batchSize: num(cmd.batchSize), singleBatch, collation: parseCollation(cmd.collation) };
}

const find: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'find');
  const spec = findSpec(cmd);
  const recs = readRecs(getColl(ctx, name), { ...spec, txn: ctx.op.txn });
  const project = makeProjector(docArg(cmd.projection, 'projection'), spec.filter);
  const docs = recs.map((r) => (project ? project(r.t) : r.t));
  const batch = spec.limit && spec.batchSize === undefined ? spec.limit : spec.batchSize;
  return ctx.cursors.open(`${ctx.db}.${name}`, docs, batch, spec.singleBatch, ctx.lsid);
};

const getMore: Handler = (cmd, ctx) => ctx.cursors.getMore(cmd.getMore, `${ctx.db}.${collName(cmd, 'collection')}`, num(cmd.batchSize));

const killCursors: Handler = (cmd, ctx) => ctx.cursors.kill(Array.isArray(cmd.cursors) ? cmd.cursors : []);

const count: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'count');
  const n = countRecs(getColl(ctx, name), { filter: plainFilter(cmd.query, 'query'), skip: num(cmd.skip, 0), limit: Math.abs(num(cmd.limit, 0)!), txn: ctx.op.txn, collation: parseCollation(cmd.collation) });
  return { n, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'distinct');
  if (typeof cmd.key !== 'string') throw err(14, "BSON field 'distinct.key' is missing but a required field");
  const recs = findRecs(getColl(ctx, name), { filter: plainFilter(cmd.query, 'query'), txn: ctx.op.txn, collation: parseCollation(cmd.collation) });
  const values: unknown[] = [];
  const seen = new Set<string>();
  for (const r of recs) {
    for (const v of pathValues(r.t, cmd.key)) {
      if (v === undefined) continue;
      const k = idKey(v);
      if (seen.has(k)) continue;
      seen.add(k);
      values.push(v);
    }
  }
  values.sort(compareValues);
  return { values, ok: 1 };
};

const insert: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'insert');
  const docs = cmd.documents;
  if (!Array.isArray(docs)) throw err(14, "BSON field 'insert.documents' is the wrong type, expected type 'array'");
  const coll = ensureColl(ctx, name);
  const ordered = cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    const raw = docs[i] as Doc;
    const doc = '_id' in raw ? raw : { _id: new ObjectId(), ...raw };
    try {
      if (Array.isArray(doc._id)) throw err(2, "can't use an array for _id");
      checkDocSize(doc, 'insert');
      ctx.engine.insert(ctx.op, coll, doc);
      n++;
    } catch (e) {
      if (e instanceof WaitForTransaction) throw e;
      const se = asServerError(e);
      if (ctx.op.txn && se.code !== 11000) throw se;
      writeErrors.push(se.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

const del: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'delete');
  const deletes = cmd.deletes;
  if (!Array.isArray(deletes)) throw err(14, "BSON field 'delete.deletes' is the wrong type, expected type 'array'");
  const coll = getColl(ctx, name);
  const ordered = cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < deletes.length; i++) {
    const d = deletes[i] as Doc;
    try {
      const limit = num(d.limit, 0)!;
      if (limit !== 0 && limit !== 1) throw err(9, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
      if (!coll) continue;
      const recs = readRecs(coll, { filter: plainFilter(d.q, 'q'), limit, txn: ctx.op.txn, collation: parseCollation(d.collation) });
      for (const r of recs) {
        ctx.engine.remove(ctx.op, coll, idKey(r.t._id));
        n++;
      }
    } catch (e) {
      if (e instanceof WaitForTransaction) throw e;
      writeErrors.push(asServerError(e).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

const explain: Handler = (cmd, ctx) => {
  const inner = docArg(cmd.explain, 'explain');
  const verb = Object.keys(inner)[0];
  if (verb !== 'find' && verb !== 'count') throw new MongoServerError(115, `explain is only supported for find and count in the embedded engine, not '${verb}'`);
  const name = collName(inner, verb);
  const filter = plainFilter(verb === 'find' ? inner.filter : inner.query);
  const out: { plan?: Plan } = {};
  const read = { filter, sort: docArg(inner.sort, 'sort'), skip: num(inner.skip, 0), limit: num(inner.limit, 0), txn: ctx.op.txn, collation: parseCollation(inner.collation) };
  const recs = readRecs(getColl(ctx, name), read, out);
  const plan = out.plan!;
  // like MongoDB's plans: an index-backed sort has no SORT stage, an in-memory one has
  const scan: Doc = plan.index ? { stage: 'FETCH', inputStage: { stage: plan.stage, indexName: plan.index, ...(plan.direction && { direction: plan.direction }) } } : { stage: plan.stage };
  const stage = plan.sortedBy === 'memory' ? { stage: 'SORT', inputStage: scan } : scan;
  return {
    queryPlanner: { namespace: `${ctx.db}.${name}`, parsedQuery: filter, winningPlan: stage, rejectedPlans: [] },
    executionStats: { executionSuccess: true, nReturned: recs.length, totalKeysExamined: plan.keysExamined, totalDocsExamined: plan.docsExamined, executionStages: stage },
    ok: 1,
  };
};

export const crudCommands: Record<string, Handler> = { find, getMore, killCursors, count, distinct, insert, delete: del, explain };
export type { CmdCtx };
