/** Command dispatch: finds the handler, binds the session/transaction, journals before replying. */
import { asServerError, err } from '../errors';
import { newCtx } from '../store/engine';
import type { Doc } from '../values';
import { adminCommands } from './admin';
import { aggregateCommands } from './aggregate';
import type { CmdCtx, Handler } from './context';
import { crudCommands } from './crud';
import { ddlCommands } from './ddl';
import { updateCommands } from './update';

const commitTransaction: Handler = (cmd, ctx) => {
  ctx.sessions.commit(cmd, ctx.op);
  return { ok: 1 };
};

const abortTransaction: Handler = (cmd, ctx) => {
  ctx.sessions.abort(cmd);
  return { ok: 1 };
};

const HANDLERS: Record<string, Handler> = {
  ...adminCommands,
  ...crudCommands,
  ...updateCommands,
  ...aggregateCommands,
  ...ddlCommands,
  commitTransaction,
  abortTransaction,
};

const TXN_CONTROL = new Set(['commitTransaction', 'abortTransaction']);

export type Env = Omit<CmdCtx, 'op' | 'db' | 'lsid'>;

export async function runCommand(cmd: Doc, env: Env, defaultDb = 'admin'): Promise<Doc> {
  const name = Object.keys(cmd)[0];
  const handler = name ? HANDLERS[name] : undefined;
  if (!handler) return err(59, `no such command: '${name ?? ''}'`).toReply();
  const db = typeof cmd.$db === 'string' ? cmd.$db : defaultDb;
  let txn;
  try {
    txn = TXN_CONTROL.has(name) ? undefined : env.sessions.txnFor(cmd, name);
  } catch (e) {
    return asServerError(e).toReply();
  }
  const ctx: CmdCtx = { ...env, op: newCtx(txn), db, lsid: cmd.lsid };
  let reply: Doc;
  try {
    reply = await handler(cmd, ctx);
  } catch (e) {
    reply = asServerError(e).toReply();
  }
  if (txn && (reply.ok === 0 || reply.writeErrors)) env.sessions.abortIfActive(txn);
  try {
    await env.engine.persist(ctx.op.entries);
  } catch (e) {
    return err(1, `journal write failed: ${(e as Error).message}`).toReply();
  }
  return reply;
}
