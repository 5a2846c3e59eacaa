import type { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';

/**
 * The one place volunteering hands messages to the foundation's outbox
 * (in-app inbox + subscribe message). Commands call this and never talk to
 * WeChat directly, so swapping the transport touches only this file.
 */
export type VolunteeringTemplate = 'signupResult' | 'waitlistOffer' | 'activityReminder';

export interface VolunteeringMessage {
  users: (Types.ObjectId | string)[];
  template: VolunteeringTemplate;
  title: string;
  body: string;
  link: string;
  /** Idempotency key prefix: one message per (key, user). */
  key: string;
}

export async function notifyVolunteers(deps: AppDeps, msg: VolunteeringMessage): Promise<void> {
  if (msg.users.length === 0) return;
  // Until the foundation's outbox lands, the message is logged (no delivery).
  deps.logger.info(
    { template: msg.template, users: msg.users.map(String), key: msg.key, title: msg.title },
    'volunteering notification',
  );
}
