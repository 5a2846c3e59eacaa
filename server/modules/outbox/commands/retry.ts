import { Types } from 'mongoose';
import type { Actor } from '../../../http/actor';
import type { AppDeps } from '../../../deps';
import { deliverEvents, reviveDeadEvents } from '../../../platform/outbox/dispatcher';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';

/**
 * A district admin sends dead-lettered events again (from the first attempt). Reviving them and
 * the audited `outbox.retried` event commit together; the revived events are delivered at once
 * after commit (and by the background dispatcher if that fails again).
 */
export async function retryDeadLetters(
  deps: AppDeps,
  actor: Actor,
  ids: readonly string[],
  requestId?: string,
): Promise<{ outcome: 'retried'; retried: number }> {
  const oids = ids.map((id) => new Types.ObjectId(id));
  const retried = await inUnitOfWork(deps, async (uow) => {
    const n = await reviveDeadEvents(oids);
    uow.emit({
      type: 'outbox.retried',
      // One aggregate for every retry: they are rare, and the audit log keeps them in order.
      aggregate: 'outbox:retries',
      payload: { ids: [...ids], retried: n },
      audit: {
        actor: auditActor(actor),
        action: 'outbox.retried',
        target: { type: 'outbox', id: ids.length === 1 ? ids[0] : `${ids.length} events` },
        after: { ids: [...ids], retried: n },
        requestId,
      },
    });
    return n;
  });
  await deliverEvents(deps, oids);
  return { outcome: 'retried', retried };
}
