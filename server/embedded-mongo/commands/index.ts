/** Command dispatch: finds the handler, binds the session/transaction, journals before replying. */
import { asServerError, err } from '../errors';
import { newCtx, WaitForTransaction } from '../store/engine';
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

/** How long a write outside any transaction waits for a transaction that holds its document. */
const LOCK_WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

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
  let ctx: CmdCtx = { ...env, op: newCtx(txn), db, lsid: cmd.lsid };
  let reply: Doc;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      reply = await handler(cmd, ctx);
      break;
    } catch (e) {
      if (e instanceof WaitForTransaction) {
        const left = deadline - Date.now();
        if (left > 0 && (await Promise.race([e.ended.then(() => true), sleep(left).then(() => false)]))) {
          ctx = { ...env, op: newCtx(txn), db, lsid: cmd.lsid };
          continue;
        }
        reply = err(112, 'Write conflict: the document is locked by a transaction that did not finish in time', { errorLabels: ['TransientTransactionError'] }).toReply();
        break;
      }
      reply = asServerError(e).toReply();
      break;
    }
  }
  if (txn && (reply.ok === 0 || reply.writeErrors)) env.sessions.abortIfActive(txn);
  try {
    await env.engine.persist(ctx.op);
  } catch (e) {
    return err(1, `journal write failed, the write was rolled back: ${(e as Error).message}`).toReply();
  }
  return reply;
}
