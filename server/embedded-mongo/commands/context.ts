/** What every command handler receives, plus small argument helpers. */
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
