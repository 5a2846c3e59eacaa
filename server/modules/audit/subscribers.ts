import type { Subscriber } from '../../platform/outbox/registry';
import { recordAudit } from './record';

/**
 * The audit log as an outbox subscriber: every event that carries an `audit` block (a staff or
 * resident action that must be on record) becomes one entry, written in the same transaction
 * as the delivery receipt, so an event is recorded exactly once however often it is delivered.
 */
export const auditSubscribers: Subscriber[] = [
  {
    name: 'audit.record',
    events: ['*'],
    wants: (event) => event.audit !== undefined,
    handle: async (event) => {
      const a = event.audit!;
      await recordAudit({
        actor: a.actor,
        action: a.action,
        target: a.target,
        before: a.before,
        after: a.after,
        requestId: a.requestId,
        at: event.at,
      });
    },
  },
];
