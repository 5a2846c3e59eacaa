import type { TReviewDecisionInput } from '@shared/schemas/review';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { reviewKind, type ReviewApplied, type ReviewRefused } from './kind';

export type DecideReviewResult = ({ kind: string } & ReviewApplied) | ReviewRefused | { outcome: 'unknown_kind' };

/**
 * One decision on one held item, for every kind: the kind applies it (a guarded
 * write), then the decision is audited with the moderator and the author is told.
 * A message that cannot be enqueued is logged, not thrown: the decision stands.
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
  const r = await kind.decide(deps, actor, id, {
    decision: input.decision,
    reason: input.decision === 'reject' ? (input.reason ?? '').trim() : '',
    version: input.version,
  });
  if (r.outcome === 'not_found' || r.outcome === 'nothing_held' || r.outcome === 'stale') return r as ReviewRefused;
  const applied = r as ReviewApplied;
  const now = deps.now();
  await recordAudit({ actor, ...applied.audit, requestId, at: now });
  if (applied.tell) {
    const t = applied.tell;
    for (const user of t.users) {
      try {
        await notify(deps, user, {
          title: t.title,
          body: t.body,
          link: t.link,
          templateKey: t.templateKey ?? 'signupResult',
          data: { thing1: t.title.slice(0, 20), thing2: t.body.slice(0, 20) },
          dedupeKey: `review:${kind.name}:${id}:${now.getTime()}:${user}`,
        });
      } catch (err) {
        deps.logger.error({ err, kind: kind.name, id, user }, 'review decision message not enqueued');
      }
    }
  }
  return { kind: kind.name, ...applied };
}
