import type { TReviewDecisionInput } from '@shared/schemas/review';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { auditActor } from '../../platform/outbox/event';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { reviewKind, type ReviewApplied, type ReviewRefused } from './kind';

export type DecideReviewResult = ({ kind: string } & ReviewApplied) | ReviewRefused | { outcome: 'unknown_kind' };

/**
 * One decision on one held item, for every kind: the kind applies it (a guarded
 * write) and a `review.decided` event commits with it in one unit of work. The event
 * carries the audit entry (recorded by the audit log's subscriber) and the author's
 * message (sent by `review.notify-author`, see ./subscribers.ts), so neither is lost
 * nor doubled if the process stops after the decision.
 */
export async function decideReview(
  deps: AppDeps,
  actor: Actor,
  kindName: string,
  id: string,
  input: TReviewDecisionInput,
  requestId?: string,
): Promise<DecideReviewResult> {
  const kind = reviewKind(kindName);
  if (!kind) return { outcome: 'unknown_kind' };
  return inUnitOfWork(deps, async (uow): Promise<DecideReviewResult> => {
    const r = await kind.decide(deps, actor, id, {
      decision: input.decision,
      reason: input.decision === 'reject' ? (input.reason ?? '').trim() : '',
      version: input.version,
    });
    if (r.outcome === 'not_found' || r.outcome === 'nothing_held' || r.outcome === 'stale') return r as ReviewRefused;
    const applied = r as ReviewApplied;
    uow.emit({
      type: 'review.decided',
      aggregate: `${kind.name}:${id}`,
      payload: { kind: kind.name, id, outcome: applied.outcome, ...(applied.tell ? { tell: applied.tell } : {}) },
      audit: { actor: auditActor(actor), ...applied.audit, requestId },
    });
    return { kind: kind.name, ...applied };
  });
}
