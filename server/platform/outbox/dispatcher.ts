/**
 * Delivers outbox events to their subscribers:
 * - at least once: an event stays `pending` until every subscriber has handled it; a crash at
 *   any point leaves it pending, and the background loop picks it up again;
 * - in order per aggregate: an event waits while an earlier event of its aggregate is pending
 *   (a dead-lettered event no longer holds the ones after it);
 * - idempotently: a subscriber's writes commit in one transaction with its receipt
 *   (unique on subscriber + event id), so a redelivery changes nothing;
 * - with retries and backoff (1 s, 2 s, 4 s … capped at 5 min) for MAX_ATTEMPTS attempts, then
 *   the event is dead-lettered: a district admin sees it (出站事件 page) and can send it again.
 * Several processes may dispatch at once: an event is leased before it is worked on.
 */
import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { every } from '../every';
import type { DomainEvent, EventAudit } from './event';
import { OutboxEvent, OutboxReceipt, type OutboxEventDoc } from './model';
import { subscribersFor } from './registry';

export const MAX_ATTEMPTS = 6;
const LEASE_MS = 60_000;
const BATCH = 100;

export const backoffMs = (attempts: number): number => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);

const isDuplicateKey = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 11000;

export const toDomainEvent = (doc: OutboxEventDoc): DomainEvent => ({
  id: String(doc._id),
  type: doc.type,
  aggregate: doc.aggregate,
  payload: doc.payload ?? {},
  ...(doc.audit ? { audit: doc.audit as unknown as EventAudit } : {}),
  at: doc.createdAt,
});

/** Takes the event for this dispatcher (due, pending, not leased by another one). */
async function lease(id: Types.ObjectId, now: Date): Promise<OutboxEventDoc | null> {
  return OutboxEvent.findOneAndUpdate(
    {
      _id: id,
      status: 'pending',
      nextAttemptAt: { $lte: now },
      $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: null }, { leaseUntil: { $lte: now } }],
    },
    { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS) } },
    { returnDocument: 'after' },
  ).lean<OutboxEventDoc>();
}

/** One subscriber's handling of one event, with its receipt, as one transaction. */
async function handleOnce(deps: AppDeps, name: string, run: () => Promise<void>, event: OutboxEventDoc): Promise<void> {
  try {
    await deps.db.connection.transaction(async () => {
      await OutboxReceipt.create([{ subscriber: name, event: event._id, at: new Date() }]);
      await run();
    });
  } catch (err) {
    // Another dispatcher committed the same receipt first: handled, nothing more to do.
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * Delivers one leased event; returns what became of it. `first` says the event is known to be
 * its aggregate's first (a row created in the same transaction), so nothing can be ahead of it.
 */
async function deliverLeased(deps: AppDeps, doc: OutboxEventDoc, first = false): Promise<'delivered' | 'retry' | 'dead' | 'waiting'> {
  const earlier = !first && (await OutboxEvent.exists({ aggregate: doc.aggregate, status: 'pending', _id: { $lt: doc._id } }));
  if (earlier) {
    await OutboxEvent.updateOne({ _id: doc._id }, { $unset: { leaseUntil: 1 } });
    return 'waiting';
  }
  const event = toDomainEvent(doc);
  // A subscriber that already handled the event (an earlier attempt, a crash before the event
  // was marked) hits its receipt's unique key first thing and changes nothing (handleOnce).
  for (const s of subscribersFor(event)) {
    try {
      await handleOnce(deps, s.name, () => s.handle(event, deps), doc);
    } catch (err) {
      const attempts = doc.attempts + 1;
      const lastError = String((err as Error)?.message ?? err).slice(0, 500);
      const now = new Date();
      if (attempts >= MAX_ATTEMPTS) {
        await OutboxEvent.updateOne(
          { _id: doc._id },
          { $set: { status: 'dead', attempts, lastError, failedSubscriber: s.name, deadAt: now }, $unset: { leaseUntil: 1 } },
        );
        deps.logger.error({ event: event.id, type: event.type, subscriber: s.name, err }, 'outbox event dead-lettered');
        return 'dead';
      }
      await OutboxEvent.updateOne(
        { _id: doc._id },
        {
          $set: { attempts, lastError, failedSubscriber: s.name, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
          $unset: { leaseUntil: 1 },
        },
      );
      deps.logger.warn({ event: event.id, type: event.type, subscriber: s.name, attempts, err }, 'outbox subscriber failed: will retry');
      return 'retry';
    }
  }
  await OutboxEvent.updateOne(
    { _id: doc._id },
    { $set: { status: 'delivered', deliveredAt: new Date() }, $unset: { leaseUntil: 1 } },
  );
  return 'delivered';
}

/**
 * Delivers the given events now, in order (called after a unit of work commits). Never throws:
 * whatever is not delivered stays pending for the background loop. `firstOfAggregate`: each
 * event opens its aggregate (the signup path's new rows), so the ordering check is skipped.
 */
export async function deliverEvents(deps: AppDeps, ids: readonly Types.ObjectId[], opts: { firstOfAggregate?: boolean } = {}): Promise<void> {
  for (const id of ids) {
    try {
      const doc = await lease(id, new Date());
      if (doc) await deliverLeased(deps, doc, opts.firstOfAggregate);
    } catch (err) {
      deps.logger.error({ err, event: String(id) }, 'outbox delivery failed: left for the dispatcher');
    }
  }
}

/**
 * One pass of the background dispatcher: the oldest due pending events, in order. Returns how
 * many were delivered. Tests call it directly; `startDispatcher` runs it on a timer.
 */
export async function dispatchPending(deps: AppDeps, now = new Date()): Promise<number> {
  const due = await OutboxEvent.find({ status: 'pending', nextAttemptAt: { $lte: now } }, { _id: 1, aggregate: 1 })
    .sort({ _id: 1 })
    .limit(BATCH)
    .lean();
  let delivered = 0;
  const stalled = new Set<string>();
  for (const { _id, aggregate } of due) {
    // After an event of an aggregate is held back, the rest of that aggregate waits too.
    if (stalled.has(aggregate)) continue;
    const doc = await lease(_id, now).catch(() => null);
    if (!doc) {
      stalled.add(aggregate);
      continue;
    }
    const result = await deliverLeased(deps, doc).catch((err: unknown) => {
      deps.logger.error({ err, event: String(_id) }, 'outbox dispatch failed');
      return 'retry' as const;
    });
    if (result === 'delivered') delivered += 1;
    else if (result !== 'dead') stalled.add(aggregate);
  }
  return delivered;
}

/** Runs dispatchPending every `everyMs` until stopped (main starts it; one per process is fine). */
export function startDispatcher(deps: AppDeps, everyMs = 1000): { stop(): Promise<void> } {
  return every(deps, everyMs, 'outbox dispatcher pass', () => dispatchPending(deps));
}

/**
 * Puts dead-lettered events back to pending from the first attempt (in the caller's unit of
 * work, if any); the caller delivers them after commit. Returns how many were dead.
 */
export async function reviveDeadEvents(ids: readonly Types.ObjectId[]): Promise<number> {
  const res = await OutboxEvent.updateMany(
    { _id: { $in: ids }, status: 'dead' },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: new Date() }, $unset: { deadAt: 1, leaseUntil: 1 } },
  );
  return res.modifiedCount;
}
