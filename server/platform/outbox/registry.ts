import type { AppDeps } from '../../deps';
import type { DomainEvent } from './event';

/**
 * A reaction to a domain event, run by the dispatcher after the command committed. Its
 * database writes run in one transaction with the "handled" receipt (keyed by subscriber name
 * and event id), so a second delivery has no second effect; anything outside the database
 * (a WeChat call) belongs in a queue the subscriber writes to, never in the handler itself.
 */
export interface Subscriber {
  /** Unique across modules (`audit.record`, `volunteering.notify-signup`). */
  name: string;
  /** Event types it reacts to; `*` for every event. */
  events: readonly string[];
  /** Narrows `events` by content (e.g. the audit log takes every event that carries `audit`). */
  wants?: (event: Pick<DomainEvent, 'type' | 'audit' | 'payload'>) => boolean;
  handle: (event: DomainEvent, deps: AppDeps) => Promise<void>;
}

const byName = new Map<string, Subscriber>();

/**
 * Adds (or replaces, by name) subscribers. Modules list theirs in their definition
 * (`defineModule({ subscribers })`), and the module list passes them here; registering the same
 * list twice is harmless.
 */
export function registerSubscribers(subscribers: readonly Subscriber[]): void {
  for (const s of subscribers) byName.set(s.name, s);
}

const takes = (s: Subscriber, event: Pick<DomainEvent, 'type' | 'audit' | 'payload'>): boolean =>
  (s.events.includes(event.type) || s.events.includes('*')) && (!s.wants || s.wants(event));

/** The subscribers an event goes to (none: it is stored as delivered at once). */
export function subscribersFor(event: Pick<DomainEvent, 'type' | 'audit' | 'payload'>): Subscriber[] {
  return [...byName.values()].filter((s) => takes(s, event));
}
