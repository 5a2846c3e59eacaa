import type { ClientSession, Types } from 'mongoose';
import { OutboxEvent, type OutboxEventDoc } from './model';

/**
 * The outbox table's reads and writes for modules (the dead-letter page, the rollup invariants'
 * "is an event still on its way" checks, a batched insert's own transaction); the platform's
 * unit of work and dispatcher use the model directly.
 */

/** One page of dead-lettered events, newest first, and how many there are. */
export async function deadLetterPage(page: number, pageSize: number): Promise<{ items: OutboxEventDoc[]; total: number }> {
  const [items, total] = await Promise.all([
    OutboxEvent.find({ status: 'dead' })
      .sort({ deadAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<OutboxEventDoc[]>(),
    OutboxEvent.countDocuments({ status: 'dead' }),
  ]);
  return { items, total };
}

/** Whether an event of one of these types still waits for delivery. */
export async function hasPendingEvents(types: readonly string[]): Promise<boolean> {
  return (await OutboxEvent.exists({ status: 'pending', type: { $in: [...types] } })) !== null;
}

/** The newest delivered events (id and type), newest first, read through the _id index. */
export const latestDeliveredEvents = (limit: number) =>
  OutboxEvent.find({ status: 'delivered' }, { type: 1 }).sort({ _id: -1 }).limit(limit).lean<Pick<OutboxEventDoc, '_id' | 'type'>[]>().exec();

/** The id of the most recently dead-lettered event, or null. */
export const latestDeadEvent = () =>
  OutboxEvent.findOne({ status: 'dead' }, { _id: 1 }).sort({ deadAt: -1 }).lean<Pick<OutboxEventDoc, '_id'>>().exec();

/** Events of these types recorded since `after` (an ObjectId from a time), with one payload field. */
export const eventsSince = (after: Types.ObjectId, types: readonly string[], payloadField: string) =>
  OutboxEvent.find({ _id: { $gte: after }, type: { $in: [...types] } }, { [`payload.${payloadField}`]: 1 })
    .lean<{ payload?: Record<string, unknown> }[]>()
    .exec();

/** Inserts prepared outbox documents in the caller's own transaction (a batched write outside inUnitOfWork). */
export async function insertOutboxDocs(docs: OutboxEventDoc[], session: ClientSession): Promise<void> {
  await OutboxEvent.collection.insertMany(docs, { session });
}
