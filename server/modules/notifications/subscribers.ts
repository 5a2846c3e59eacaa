import type { Subscriber } from '../../platform/outbox/registry';
import { notify, type NotifyInput } from './notify';

/** One message an event asks for: who gets it and what (its dedupeKey makes a redelivery harmless). */
export interface Notice extends NotifyInput {
  user: string;
  /** Required here: an event may be delivered more than once. */
  dedupeKey: string;
}

/**
 * `notifications.notice`: an event carrying `payload.notices` (Notice[]) becomes the inbox item
 * (and subscribe message, when it names a template) of each user, after the command committed.
 * Each notice's dedupeKey keeps it once per user however often the event is delivered; an
 * enqueue failure throws so the dispatcher retries the event.
 */
export const notificationSubscribers: Subscriber[] = [
  {
    name: 'notifications.notice',
    events: ['*'],
    wants: (event) => Array.isArray(event.payload.notices),
    handle: async (event, deps) => {
      for (const { user, ...input } of event.payload.notices as Notice[]) {
        await notify(deps, user, input);
      }
    },
  },
];
