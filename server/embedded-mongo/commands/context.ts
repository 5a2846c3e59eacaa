/** What every command handler receives, plus small argument helpers. */
import { calculateObjectSize } from 'bson';
import type { CursorStore } from '../cursors';
import { err } from '../errors';
import type { Sessions } from '../sessions';
import type { Collection } from '../store/collection';
import type { Engine, OpCtx } from '../store/engine';
import { isNumberLike, isPlainObject, toNumber, toPlain, type Doc } from '../values';

export interface ServerInfo {
  host: string;
  port: number;
  startedAt: Date;
}

export interface CmdCtx {
  engine: Engine;
  cursors: CursorStore;
  sessions: Sessions;
  op: OpCtx;
  db: string;
  server: ServerInfo;
  connectionId: number;
  /** The command's logical session id, if any (cursors die with their session). */
  lsid?: unknown;
}

export type Handler = (cmd: Doc, ctx: CmdCtx) => Doc | Promise<Doc>;

export function num(v: unknown, fallback?: number): number | undefined {
  if (v === undefined || v === null) return fallback;
  if (!isNumberLike(v)) throw err(14, `Expected a number, got ${typeof v}`);
  return toNumber(v);
}

export function collName(cmd: Doc, name: string): string {
  const v = cmd[name];
  if (typeof v !== 'string' || !v) throw err(73, `collection name has invalid type ${typeof v}`);
  return v;
}

export function docArg(v: unknown, what: string): Doc {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) throw err(14, `BSON field '${what}' is the wrong type '${typeof v}', expected type 'object'`);
  return v;
}

/** A filter converted to the plain view mingo evaluates. */
export function plainFilter(v: unknown, what = 'filter'): Doc {
  return toPlain(docArg(v, what)) as Doc;
}

export function getColl(ctx: CmdCtx, name: string): Collection | undefined {
  return ctx.engine.collection(ctx.db, name);
}

export function ensureColl(ctx: CmdCtx, name: string): Collection {
  return ctx.engine.ensureCollection(ctx.op, ctx.db, name);
}

/** MongoDB's document size limit (BSONObjectMaxUserSize). */
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

/** Refuses a document over 16 MiB with the code and message MongoDB uses for that write path. */
export function checkDocSize(doc: Doc, path: 'insert' | 'update' | 'upsert'): void {
  const size = calculateObjectSize(doc);
  if (size <= MAX_BSON_SIZE) return;
  if (path === 'insert') throw err(2, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`);
  if (path === 'upsert') throw err(17420, `Document to upsert is larger than ${MAX_BSON_SIZE}`);
  throw err(17419, `Resulting document after update is larger than ${MAX_BSON_SIZE}`);
}
