/** update and findAndModify: operator updates and pipelines run through mingo on the plain view. */
import { ObjectId } from 'bson';
import { aggregate, update as mingoUpdate } from 'mingo';
import { parseCollation } from '../collation';
import { asServerError, err } from '../errors';
import { queryOptions } from '../mingo-context';
import { makeProjector } from '../projection';
import { plainOf, type Collection, type Rec } from '../store/collection';
import { WaitForTransaction } from '../store/engine';
import { assignedPaths, clonePlain, compareValues, idKey, isPlainObject, numberHints, ownValue, restoreTyped, setOwn, toPlain, toStored, type Doc } from '../values';
import { checkDocSize, collName, docArg, ensureColl, getColl, type CmdCtx, type Handler } from './context';
import { readRecs } from './crud';
import { alteredId, applyDeferred, immutableId, separateIdAssignments } from './immutable-id';
import { checkTargets, ownOperators } from './update-checks';
import { linkTyped } from '../bson-types';
import { needsResolution, resolveFirstPositional, resolvePositional } from './positional';

const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$rename', '$currentDate', '$setOnInsert', '$bit']);

function kindOf(u: unknown): 'pipeline' | 'operators' | 'replacement' {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw err(9, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length) throw err(9, `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`);
  if (!ops.length) return 'replacement';
  for (const op of ops) {
    if (!UPDATE_OPS.has(op)) throw err(9, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    if (!isPlainObject(u[op])) throw err(9, `Modifiers operate on fields but we found type ${typeof u[op]} instead. For example: {$mod: {<field>: ...}} not {$set: 5}`);
  }
  return 'operators';
}

/** New typed document after applying `u` to `old` (typed). */
export function applyUpdate(old: Doc, oldPlain: Doc, u: unknown, filter: Doc, arrayFilters: Doc[] | undefined, inserting: boolean): Doc {
  const kind = kindOf(u);
  if (kind === 'replacement') {
    const repl = u as Doc;
    if ('_id' in repl && !inserting && compareValues(repl._id, old._id) !== 0) throw alteredId(repl._id);
    const { _id: _drop, ...rest } = repl;
    return '_id' in old ? { _id: old._id, ...rest } : '_id' in repl ? { _id: repl._id, ...rest } : rest;
  }
  const plain = linkTyped(clonePlain(oldPlain), old);
  let typedOps = u as Doc;
  let deferred: Array<[string, unknown]> = [];
  if (kind === 'operators') {
    if (!inserting) typedOps = resolveFirstPositional(plain, typedOps, filter);
    ({ update: typedOps, deferred } = separateIdAssignments(typedOps, old, inserting));
  }
  const hints = numberHints(typedOps);
  let result: Doc;
  try {
    if (kind === 'pipeline') {
      result = aggregate([plain], toPlain(u) as Doc[], queryOptions())[0] as Doc;
    } else {
      const mod = toPlain(typedOps) as Doc;
      if (mod.$setOnInsert) {
        if (inserting) mod.$set = { ...(mod.$set as Doc), ...(mod.$setOnInsert as Doc) };
        delete mod.$setOnInsert;
      }
      const ownSets = takeOwnSetPaths(mod, inserting);
      let filters = arrayFilters ? (toPlain(arrayFilters) as Doc[]) : undefined;
      let ops = mod;
      for (const op of Object.keys(ops)) if (!Object.keys(ops[op] as Doc).length) delete ops[op];
      if (!inserting && needsResolution(mod)) {
        ops = resolvePositional(plain, mod, filters);
        filters = undefined;
      }
      checkTargets(plain, ops);
      const own = ownOperators(ops);
      if (own) ops = own.rest;
      // no condition: the document was already matched (under the operation's collation), and
      // first-match `$` paths were resolved above
      if (Object.keys(ops).length) mingoUpdate(plain, ops, filters, {}, { queryOptions: queryOptions() });
      own?.apply(plain);
      for (const [path, value] of ownSets) setPath(plain, path, value);
      result = plain;
    }
  } catch (e) {
    throw asServerError(e);
  }
  if (!inserting && compareValues(result._id, oldPlain._id) !== 0) throw kind === 'pipeline' ? alteredId(result._id) : immutableId();
  const overrides = kind === 'operators' ? assignedPaths(typedOps, inserting) : undefined;
  return applyDeferred(restoreTyped(result, old, hints, overrides) as Doc, deferred);
}

/** The document an upsert starts from: the filter's equality conditions. */
export function upsertBase(q: Doc): Doc {
  const out: Doc = {};
  const walk = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && walk(x));
      if (k.startsWith('$')) continue;
      let val = v;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (!('$eq' in v)) continue;
        val = v.$eq;
      }
      setPath(out, k, val);
    }
  };
  walk(q);
  return out;
}

/** Sets a dotted path with own keys only (a filter may name `__proto__`: it stays data). */
function setPath(d: Doc, path: string, v: unknown): void {
  const parts = path.split('.');
  let cur = d;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = ownValue(cur, parts[i]);
    cur = isPlainObject(next) ? next : setOwn(cur, parts[i], {});
  }
  setOwn(cur, parts[parts.length - 1], v);
}

/**
 * `$set` paths mingo refuses but MongoDB applies, set here after mingo runs: paths through a
 * `__proto__` key (plain data), and on an upsert's new document — validated as an insert —
 * `$`-prefixed fields (MongoDB ≥ 5.0).
 */
function takeOwnSetPaths(mod: Doc, inserting: boolean): Array<[string, unknown]> {
  const set = mod.$set as Doc | undefined;
  if (!isPlainObject(set)) return [];
  const out: Array<[string, unknown]> = [];
  const dollar = (p: string) => inserting && p.startsWith('$') && p !== '$' && !p.startsWith('$[');
  for (const path of Object.keys(set)) {
    if (!path.split('.').some((p) => p === '__proto__' || dollar(p))) continue;
    out.push([path, set[path]]);
    delete set[path];
  }
  if (!Object.keys(set).length) delete mod.$set;
  return out;
}

function withId(doc: Doc): Doc {
  if ('_id' in doc) return doc._id === undefined ? { ...doc, _id: new ObjectId() } : { _id: doc._id, ...doc };
  return { _id: new ObjectId(), ...doc };
}

/** Inserts the upsert document; returns it. */
export function doUpsert(ctx: CmdCtx, coll: Collection, q: Doc, u: unknown, filter: Doc, arrayFilters?: Doc[]): Doc {
  const base = upsertBase(q);
  const kind = kindOf(u);
  if (kind === 'replacement' && base._id !== undefined && '_id' in (u as Doc) && compareValues((u as Doc)._id, base._id) !== 0) throw alteredId((u as Doc)._id);
  const doc = kind === 'replacement' ? { ...(base._id !== undefined ? { _id: base._id } : {}), ...(u as Doc) } : applyUpdate(base, toPlain(base) as Doc, u, filter, arrayFilters, true);
  const full = withId(doc);
  checkDocSize(full, 'upsert');
  ctx.engine.insert(ctx.op, coll, full);
  return full;
}

/** Applies an update to one record; returns the new document or null if nothing changed. */
export function updateRec(ctx: CmdCtx, coll: Collection, rec: Rec, u: unknown, filter: Doc, arrayFilters?: Doc[]): Doc | null {
  const next = toStored(applyUpdate(rec.t, plainOf(rec), u, filter, arrayFilters, false));
  if (compareValues(next, rec.t) === 0 && sameShape(next, rec.t)) return null;
  checkDocSize(next, 'update');
  ctx.engine.replace(ctx.op, coll, idKey(rec.t._id), next);
  return next;
}

function sameShape(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameShape(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameShape(x, b[i]));
  return a?.constructor === b?.constructor;
}

const update: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'update');
  const updates = cmd.updates;
  if (!Array.isArray(updates)) throw err(14, "BSON field 'update.updates' is the wrong type, expected type 'array'");
  const ordered = cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < updates.length; i++) {
    const s = updates[i] as Doc;
    try {
      const q = docArg(s.q, 'q');
      const filter = toPlain(q) as Doc;
      const arrayFilters = Array.isArray(s.arrayFilters) ? (s.arrayFilters as Doc[]) : undefined;
      const multi = s.multi === true;
      kindOf(s.u);
      if (multi && kindOf(s.u) === 'replacement') throw err(9, 'multi update is not supported for replacement-style update');
      const existing = getColl(ctx, name);
      const recs = readRecs(existing, { filter, limit: multi ? 0 : 1, sort: docArg(s.sort, 'sort'), txn: ctx.op.txn, collation: parseCollation(s.collation) });
      if (!recs.length && s.upsert === true) {
        const doc = doUpsert(ctx, ensureColl(ctx, name), q, s.u, filter, arrayFilters);
        upserted.push({ index: i, _id: doc._id });
        n++;
        continue;
      }
      for (const rec of recs) {
        n++;
        if (updateRec(ctx, existing!, rec, s.u, filter, arrayFilters)) nModified++;
      }
    } catch (e) {
      if (e instanceof WaitForTransaction) throw e;
      const se = asServerError(e);
      if (ctx.op.txn && se.code !== 11000) throw se;
      writeErrors.push(se.toWriteError(i));
      if (ordered) break;
    }
  }
  const reply: Doc = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};

const findAndModify: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'findAndModify' in cmd ? 'findAndModify' : 'findandmodify');
  const q = docArg(cmd.query, 'query');
  const filter = toPlain(q) as Doc;
  const remove = cmd.remove === true;
  const returnNew = cmd.new === true;
  const arrayFilters = Array.isArray(cmd.arrayFilters) ? (cmd.arrayFilters as Doc[]) : undefined;
  if (remove && cmd.update !== undefined) throw err(9, 'Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined) throw err(9, 'Either an update or remove=true must be specified');
  if (remove && cmd.upsert === true) throw err(9, 'Cannot specify both upsert=true and remove=true');
  if (!remove) kindOf(cmd.update);
  const project = makeProjector(docArg(cmd.fields, 'fields'), filter);
  const shape = (d: Doc | null) => (d && project ? project(d) : d);
  const existing = getColl(ctx, name);
  const [rec] = readRecs(existing, { filter, sort: docArg(cmd.sort, 'sort'), limit: 1, txn: ctx.op.txn, collation: parseCollation(cmd.collation) });
  if (remove) {
    if (!rec) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    ctx.engine.remove(ctx.op, existing!, idKey(rec.t._id));
    return { lastErrorObject: { n: 1 }, value: shape(rec.t), ok: 1 };
  }
  if (!rec) {
    if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = doUpsert(ctx, ensureColl(ctx, name), q, cmd.update, filter, arrayFilters);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: returnNew ? shape(doc) : null, ok: 1 };
  }
  const next = updateRec(ctx, existing!, rec, cmd.update, filter, arrayFilters) ?? rec.t;
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(returnNew ? next : rec.t), ok: 1 };
};

export const updateCommands: Record<string, Handler> = { update, findAndModify, findandmodify: findAndModify };
