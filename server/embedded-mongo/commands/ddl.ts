/** Collections, databases and indexes. */
import { calculateObjectSize } from 'bson';
import { parseCollation } from '../collation';
import { err } from '../errors';
import { compileFilter } from '../filter';
import { compareValues, isPlainObject, renderValue, toPlain, type Doc } from '../values';
import { collName, docArg, ensureColl, getColl, type Handler } from './context';

const create: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'create');
  if (getColl(ctx, name)) throw err(48, `Collection ${ctx.db}.${name} already exists.`);
  if (cmd.timeseries !== undefined) throw err(115, 'time-series collections are not supported by the embedded engine');
  if (cmd.capped === true) throw err(115, 'capped collections are not supported by the embedded engine');
  if (isPlainObject(cmd.validator) && Object.keys(cmd.validator).length) throw err(115, 'document validators ($jsonSchema, query validators) are not supported by the embedded engine');
  // a collection default collation would silently change every query: refused instead
  if (parseCollation(cmd.collation)) throw err(115, 'a collection default collation is not supported by the embedded engine; pass collation per operation or index');
  const { create: _c, $db: _d, lsid: _l, txnNumber: _t, autocommit: _a, startTransaction: _s, $clusterTime: _k, ...options } = cmd;
  ctx.engine.ensureCollection(ctx.op, ctx.db, name, options);
  return { ok: 1 };
};

const drop: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'drop');
  const coll = getColl(ctx, name);
  if (!coll) throw err(26, 'ns not found');
  const nIndexesWas = coll.indexes.length + 1;
  ctx.engine.drop(ctx.op, ctx.db, name);
  return { nIndexesWas, ns: coll.ns, ok: 1 };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.engine.dropDatabase(ctx.op, ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

const listCollections: Handler = (cmd, ctx) => {
  const colls = ctx.engine.dbs.get(ctx.db);
  const q = compileFilter(toPlain(docArg(cmd.filter, 'filter')) as Doc);
  const out: Doc[] = [];
  for (const c of colls?.values() ?? []) {
    const entry: Doc = cmd.nameOnly === true
      ? { name: c.name, type: 'collection' }
      : { name: c.name, type: 'collection', options: c.options, info: { readOnly: false }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } };
    if (!q || q.test(toPlain(entry) as Doc)) out.push(entry);
  }
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, out, undefined, false);
};

const createIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'createIndexes');
  const specs = cmd.indexes;
  if (!Array.isArray(specs) || !specs.length) throw err(2, 'Must specify at least one index to create');
  const existed = !!getColl(ctx, name);
  const coll = ensureColl(ctx, name);
  const before = coll.indexes.length + 1;
  const created = ctx.engine.createIndexes(ctx.op, coll, specs as Doc[]);
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: before + created, createdCollectionAutomatically: !existed };
  if (!created) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
};

const listIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'listIndexes');
  const coll = getColl(ctx, name);
  if (!coll) throw err(26, `ns does not exist: ${ctx.db}.${name}`);
  return ctx.cursors.open(coll.ns, coll.specs(), undefined, false);
};

const dropIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'dropIndexes' in cmd ? 'dropIndexes' : 'deleteIndexes');
  const coll = getColl(ctx, name);
  if (!coll) throw err(26, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexes.length + 1;
  const which = cmd.index;
  let names: string[];
  if (which === '*') names = coll.indexes.map((i) => i.name);
  else if (typeof which === 'string') names = [which];
  else if (Array.isArray(which)) names = which.map(String);
  else if (which && typeof which === 'object') {
    const key = JSON.stringify(toPlain(which));
    const ix = coll.indexes.find((i) => JSON.stringify(toPlain(i.spec.key)) === key);
    if (!ix) throw err(27, `can't find index with key: ${key}`);
    names = [ix.name];
  } else throw err(14, 'index must be a string, an array of strings or a key pattern');
  if (names.includes('_id_')) throw err(72, 'cannot drop _id index');
  for (const n of names) if (!coll.findIndex(n)) throw err(27, `index not found with name [${n}]`);
  ctx.engine.dropIndexes(ctx.op, coll, names);
  return { nIndexesWas, ok: 1 };
};

const renameCollection: Handler = (cmd, ctx) => {
  if (ctx.op.txn) throw err(263, "Cannot run 'renameCollection' in a multi-document transaction.");
  const [fromNs, toNs] = [cmd.renameCollection, cmd.to];
  if (typeof fromNs !== 'string' || typeof toNs !== 'string') throw err(14, "'renameCollection' and 'to' must be namespace strings");
  const split = (ns: string) => [ns.slice(0, ns.indexOf('.')), ns.slice(ns.indexOf('.') + 1)];
  const [fromDb, fromName] = split(fromNs);
  const [toDb, toName] = split(toNs);
  if (!fromDb || !fromName || !toDb || !toName) throw err(73, `Invalid namespace specified '${!fromDb || !fromName ? fromNs : toNs}'`);
  const from = ctx.engine.collection(fromDb, fromName);
  if (!from) throw err(26, 'Source collection ' + fromNs + ' does not exist');
  if (fromNs === toNs) throw err(20, "Can't rename a collection to itself");
  ctx.engine.rename(ctx.op, from, toDb, toName, cmd.dropTarget === true);
  return { ok: 1 };
};

const dbStats: Handler = (_cmd, ctx) => {
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  const colls = ctx.engine.dbs.get(ctx.db);
  for (const c of colls?.values() ?? []) {
    objects += c.docs.size;
    indexes += c.indexes.length + 1;
    for (const r of c.docs.values()) dataSize += calculateObjectSize(r.t);
  }
  return { db: ctx.db, collections: colls?.size ?? 0, views: 0, objects, avgObjSize: objects ? dataSize / objects : 0, dataSize, storageSize: dataSize, indexes, indexSize: 0, totalSize: dataSize, scaleFactor: 1, ok: 1 };
};

/** collMod: an index's TTL (`expireAfterSeconds`) and `hidden` flag, found by name or key pattern. */
const collMod: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'collMod');
  const coll = getColl(ctx, name);
  if (!coll) throw err(26, `ns does not exist: ${ctx.db}.${name}`);
  if (isPlainObject(cmd.validator) && Object.keys(cmd.validator).length) throw err(115, 'document validators ($jsonSchema, query validators) are not supported by the embedded engine');
  const ix = cmd.index as Doc | undefined;
  if (!ix) return { ok: 1 };
  const target =
    typeof ix.name === 'string' ? coll.findIndex(ix.name) : coll.indexes.find((x) => isPlainObject(ix.keyPattern) && compareValues(x.spec.key, ix.keyPattern) === 0);
  if (!target) throw err(27, `cannot find index ${typeof ix.name === 'string' ? ix.name : renderValue(ix.keyPattern)} for ns ${coll.ns}`);
  const reply: Doc = {};
  const spec = { ...target.spec };
  if (ix.expireAfterSeconds !== undefined) {
    reply.expireAfterSeconds_old = spec.expireAfterSeconds;
    spec.expireAfterSeconds = Number(toPlain(ix.expireAfterSeconds));
    reply.expireAfterSeconds_new = spec.expireAfterSeconds;
  }
  if (ix.hidden !== undefined) {
    if (target.name === '_id_') throw err(2, 'cannot modify hidden field of an _id index');
    reply.hidden_old = spec.hidden === true;
    reply.hidden_new = ix.hidden === true;
    if (ix.hidden === true) spec.hidden = true;
    else delete spec.hidden;
  }
  if (Object.keys(reply).length) {
    ctx.engine.dropIndexes(ctx.op, coll, [target.name]);
    ctx.engine.createIndexes(ctx.op, coll, [spec]);
  }
  return { ...reply, ok: 1 };
};

export const ddlCommands: Record<string, Handler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  collMod,
  renameCollection,
  dbStats,
};
