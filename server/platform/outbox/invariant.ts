import { Types } from 'mongoose';
import { registerInvariants, type Invariant } from '../invariants';
import { OutboxEvent } from './model';

/**
 * Every event is delivered or dead-lettered: one still pending `graceMs` after it was written
 * (its id's time) is a violation. The dispatcher is its repair (it runs every second).
 */
export function outboxInvariant(graceMs = 60_000): Invariant {
  return {
    name: 'outbox',
    check: async ({ now }) => {
      const cutoff = Types.ObjectId.createFromTime(Math.ceil((now.getTime() - graceMs) / 1000));
      const stuck = await OutboxEvent.find({ status: 'pending', _id: { $lt: cutoff } }, { type: 1, aggregate: 1, attempts: 1, lastError: 1 })
        .sort({ _id: 1 })
        .limit(1000)
        .lean();
      return stuck.map((e) => ({
        invariant: 'outbox',
        subject: `outbox:${String(e._id)}`,
        message: `event ${e.type} (${e.aggregate}) neither delivered nor dead-lettered after ${graceMs / 1000} s (attempts ${e.attempts}${e.lastError ? `, last error: ${e.lastError}` : ''})`,
      }));
    },
  };
}

registerInvariants([outboxInvariant()]);
