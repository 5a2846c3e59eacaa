/**
 * The unit of work: a command's writes and the domain events they produce, committed together.
 *
 *   const result = await inUnitOfWork(deps, async (uow) => {
 *     await Signup.updateOne(...);                     // joins the transaction by itself
 *     uow.emit({ type: 'signup.cancelled', aggregate: `signup:${id}`, payload: {...} });
 *     return { outcome: 'cancelled' };
 *   });
 *
 * Everything runs in one MongoDB transaction (`connection.transaction`, i.e. the driver's
 * `withTransaction`, which retries the whole callback on a transient error such as a write
 * conflict, so the callback must not have effects outside the database). Mongoose's
 * `transactionAsyncLocalStorage` hands the session to every model call made inside, so commands
 * and the helpers they call need no `{ session }` plumbing; raw `Model.collection` calls do not
 * see it and must pass `uow.session` themselves. The events are inserted into the `outbox`
 * collection in the same transaction: either the command happened and its events will be
 * delivered, or neither. After commit the dispatcher delivers them at once (best effort; a
 * failure is retried in the background, see outbox/dispatcher.ts).
 *
 * A command that decides, after writing, that it must refuse calls `uow.rollback(outcome)`:
 * every write and event of the attempt is undone and `inUnitOfWork` returns that outcome.
 * A unit of work started inside another joins it (one transaction, events delivered by the
 * outer one).
 *
 * Isolation on the embedded engine (server/embedded-mongo/sessions.ts and its README): a
 * transaction writes in place with an undo log and owns every document it wrote until it ends.
 * Readers outside the transaction see only committed data; the transaction reads its own writes
 * and the latest committed state of everything else (read committed with first-writer-wins
 * conflicts, not MongoDB's point-in-time snapshot). A second transaction writing an owned
 * document fails at once with 112 WriteConflict (TransientTransactionError: retried here); a
 * plain write waits for the owner to finish. Commit is one journal record, so a crash keeps all
 * of a transaction or none of it. On MongoDB (a replica set is required: see
 * `checkTransactionSupport`) transactions get snapshot isolation with the same retry rules.
 * Either way: never read-then-write a counter inside a transaction expecting the read to hold;
 * use guarded conditional updates as everywhere else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { Types, type ClientSession } from 'mongoose';
import type { AppDeps } from '../deps';
import type { NewEvent } from './outbox/event';
import { OutboxEvent, type OutboxEventDoc } from './outbox/model';
import { subscribersFor } from './outbox/registry';
import { deliverEvents } from './outbox/dispatcher';

// Model calls inside `connection.transaction(fn)` use its session without being told.
mongoose.set('transactionAsyncLocalStorage', true);

export interface UnitOfWork {
  session: ClientSession;
  /** Records a domain event; it is written with the command's writes and delivered after commit. */
  emit(event: NewEvent): void;
  /** Undoes the attempt and makes inUnitOfWork return `value` (a refusal found after writing). */
  rollback<R>(value: R): never;
}

class Rollback {
  constructor(readonly value: unknown) {}
}

const current = new AsyncLocalStorage<UnitOfWork>();

/**
 * Outbox documents for the events of one attempt (ids assigned now: they order delivery). `at`
 * is the event's time (deps.now(), which tests control); it is due for delivery right away.
 */
export function outboxDocs(events: readonly NewEvent[], at: Date): OutboxEventDoc[] {
  const due = new Date();
  return events.map((e) => {
    const idle = subscribersFor(e).length === 0;
    return {
      _id: new Types.ObjectId(),
      type: e.type,
      aggregate: e.aggregate,
      payload: e.payload,
      ...(e.audit ? { audit: e.audit as unknown as Record<string, unknown> } : {}),
      // An event nobody subscribes to is stored as delivered: nothing to wait for.
      status: idle ? 'delivered' : 'pending',
      attempts: 0,
      nextAttemptAt: due,
      ...(idle ? { deliveredAt: due } : {}),
      createdAt: at,
    };
  });
}

/**
 * Runs `work` as one transaction with its events; see the file comment. Without `deps` (a
 * command called from a unit test that has none) the events wait for the background dispatcher.
 */
export async function inUnitOfWork<T>(deps: AppDeps | undefined, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const outer = current.getStore();
  if (outer) return work(outer);
  let docs: OutboxEventDoc[] = [];
  let result: T;
  try {
    const connection = deps?.db.connection ?? mongoose.connection;
    result = await connection.transaction(async (session) => {
      const events: NewEvent[] = [];
      const uow: UnitOfWork = {
        session,
        emit: (e) => void events.push(e),
        rollback: (value) => {
          throw new Rollback(value);
        },
      };
      const value = await current.run(uow, () => work(uow));
      docs = outboxDocs(events, deps ? deps.now() : new Date());
      if (docs.length > 0) await OutboxEvent.collection.insertMany(docs, { session });
      return value;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  const due = docs.filter((d) => d.status === 'pending').map((d) => d._id);
  if (deps && due.length > 0) await deliverEvents(deps, due);
  return result;
}

/**
 * Transactions need a replica set (a single node is enough); a standalone mongod refuses them.
 * `hello` names the set (`setName`) on a member and `msg: 'isdbgrid'` on mongos. Production
 * refuses to start without one; elsewhere it is a loud warning.
 */
export async function checkTransactionSupport(deps: Pick<AppDeps, 'db' | 'logger' | 'config'>): Promise<void> {
  if (deps.db.kind === 'embedded') return;
  const db = deps.db.connection.db;
  if (!db) return;
  const hello = (await db.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  if (hello.setName || hello.msg === 'isdbgrid') return;
  const message =
    'MONGODB_URI points at a standalone MongoDB server: multi-document transactions (the unit of work) need a replica set. ' +
    'Run mongod with --replSet and rs.initiate() (a single-node replica set is enough). See README, Deploying.';
  if (deps.config.isProduction) throw new Error(message);
  deps.logger.error(message);
}
