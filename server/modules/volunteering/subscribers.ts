import type { Subscriber } from '../../platform/outbox/registry';
import { registerSubscribers } from '../../platform/outbox/registry';
import { auditSubscribers } from '../audit';
import { invalidateActivityLists } from './activities';
import { removePhotoFiles } from './gallery';
import { notifyVolunteers, type VolunteeringMessage } from './signups';

/** Events that change what the public activity lists show (the nearby cache forgets them). */
export const LIST_EVENTS = ['activity.cancelled', 'activity.updated', 'signups.released'] as const;

/**
 * Volunteering's reactions to its events:
 * - `volunteering.notify`: an event carrying `payload.message` (a VolunteeringMessage: who,
 *   which template, what text) becomes the inbox item and subscribe message of each user;
 *   the message's key keeps it once per user even across events (e.g. the cancellation and the
 *   sweep that catches signups racing it);
 * - `volunteering.photo-files`: an erased account's photo files are removed after commit;
 * - `volunteering.lists-cache`: activity changes clear this process's nearby-list cache.
 */
export const volunteeringSubscribers: Subscriber[] = [
  {
    name: 'volunteering.notify',
    events: ['*'],
    wants: (event) => event.payload.message !== undefined,
    handle: async (event, deps) => {
      await notifyVolunteers(deps, event.payload.message as VolunteeringMessage, { throwOnError: true });
    },
  },
  {
    // An erased account's photos are hidden in its deletion's transaction; the files go here,
    // after commit (removing a file that is already gone is no error, so redelivery is harmless).
    name: 'volunteering.photo-files',
    events: ['photos.erased'],
    handle: async (event, deps) => {
      for (const f of event.payload.files as { file: string; thumbFile?: string }[]) await removePhotoFiles(deps, f);
    },
  },
  {
    name: 'volunteering.lists-cache',
    events: LIST_EVENTS,
    handle: async () => invalidateActivityLists(),
  },
];

// Until the module list composes them (defineModule({ subscribers })), loading volunteering's
// commands registers its subscribers and the audit log's (registering twice is harmless).
registerSubscribers([...auditSubscribers, ...volunteeringSubscribers]);
