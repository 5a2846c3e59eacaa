/**
 * A domain event: something that happened, named in the past tense (`signup.confirmed`,
 * `activity.cancelled`, `hours.confirmed`, `membership.approved`). Commands produce them inside
 * the unit of work; subscribers react after commit.
 */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** The outbox document's id: the idempotency key of every delivery. */
  id: string;
  type: string;
  /** `kind:id` of the thing that changed; delivery is ordered per aggregate. */
  aggregate: string;
  payload: P;
  /** What the audit log records for this event, when it is an audited action. */
  audit?: EventAudit;
  at: Date;
}

/** The audit-log entry an event stands for (recorded by the audit module's subscriber). */
export interface EventAudit {
  actor: { userId: string; kind: 'resident' | 'staff' } | { system: string };
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** What a command hands to `uow.emit`: the event without its id and time. */
export type NewEvent<P extends Record<string, unknown> = Record<string, unknown>> = Omit<DomainEvent<P>, 'id' | 'at'>;

/** The audit actor of an authenticated caller (the event keeps only who, not their roles). */
export const auditActor = (actor: { userId: string; kind: 'resident' | 'staff' }): EventAudit['actor'] => ({
  userId: actor.userId,
  kind: actor.kind,
});
