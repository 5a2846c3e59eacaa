import type { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import { notify } from '../../notifications';

/**
 * The one place volunteering hands messages to the foundation's outbox
 * (in-app inbox + subscribe message, sent only with remaining consent).
 */
export type VolunteeringTemplate = 'signupResult' | 'waitlistOffer' | 'activityReminder';

export interface VolunteeringMessage {
  users: (Types.ObjectId | string)[];
  template: VolunteeringTemplate;
  title: string;
  body: string;
  link: string;
  /** Idempotency key: one message per (key, user). */
  key: string;
  /** Subscribe-message template fields (thing/time/...). */
  data?: Record<string, unknown>;
}

export { shanghaiTime } from '../../../platform/time';

/**
 * Enqueues one message per user. A failure to enqueue is logged, not thrown (the signup or
 * cancellation that caused it has already happened), unless `throwOnError`: the outbox
 * subscriber throws so that the dispatcher retries the event.
 */
export async function notifyVolunteers(
  deps: AppDeps,
  msg: VolunteeringMessage,
  opts: { throwOnError?: boolean } = {},
): Promise<void> {
  for (const user of msg.users) {
    try {
      await notify(deps, String(user), {
        title: msg.title,
        body: msg.body,
        link: msg.link,
        templateKey: msg.template,
        data: msg.data ?? { thing1: msg.title.slice(0, 20), thing2: msg.body.slice(0, 20) },
        dedupeKey: `vol:${msg.key}:${String(user)}`,
      });
    } catch (err) {
      if (opts.throwOnError) throw err;
      deps.logger.error({ err, key: msg.key, user: String(user) }, 'volunteering notification not enqueued');
    }
  }
}
