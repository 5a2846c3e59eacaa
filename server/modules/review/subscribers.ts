import type { Subscriber } from '../../platform/outbox/registry';
import { notify } from '../notifications';
import type { AuthorNotice } from './kind';

/**
 * The review queue's reaction to `review.decided`: the author (or the team's admins) gets the
 * decision in the inbox and as a subscribe message. The dedupe key (kind, item, decision time,
 * user) keeps it once per user however often the event is delivered; an enqueue failure throws
 * so the dispatcher retries the event.
 */
export const reviewSubscribers: Subscriber[] = [
  {
    name: 'review.notify-author',
    events: ['review.decided'],
    wants: (event) => event.payload.tell !== undefined,
    handle: async (event, deps) => {
      const { kind, id } = event.payload as { kind: string; id: string };
      const t = event.payload.tell as AuthorNotice;
      for (const user of t.users) {
        await notify(deps, user, {
          title: t.title,
          body: t.body,
          link: t.link,
          templateKey: t.templateKey ?? 'signupResult',
          data: { thing1: t.title.slice(0, 20), thing2: t.body.slice(0, 20) },
          dedupeKey: `review:${kind}:${id}:${event.at.getTime()}:${user}`,
        });
      }
    },
  },
];
