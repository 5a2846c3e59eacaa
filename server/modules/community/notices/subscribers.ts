import type { Subscriber } from '../../../platform/outbox/registry';
import { runAlertFanout } from './fanout';

/**
 * `community.alert-push`: an urgent notice, once published, reaches every resident who asked for
 * alerts in its audience (inbox item + subscribe message), page by page with its position saved
 * (fanout.ts): a redelivered event resumes and sends nothing twice.
 */
export const noticeSubscribers: Subscriber[] = [
  {
    name: 'community.alert-push',
    events: ['notice.published'],
    wants: (event) => event.payload.urgent === true,
    handle: async (event, deps) => {
      const { id, title, communityIds } = event.payload as { id: string; title: string; communityIds: string[] };
      await runAlertFanout(deps, { id, title, communityIds, at: new Date(event.at) });
    },
  },
];
