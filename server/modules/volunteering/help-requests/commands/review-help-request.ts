import { Types } from 'mongoose';
import type { TReviewHelpRequest } from '@shared/schemas/volunteering/help-requests';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import type { Notice } from '../../../notifications';
import { HelpRequest, type HelpRequestDoc } from '../model';
import { appLinks } from '@shared/links';

type ReviewHelpRequestResult =
  { outcome: 'published' | 'rejected'; request: HelpRequestDoc } | Refusal<'not_found' | 'not_pending'>;

/**
 * Approve (→ published) or reject a pending request; guarded so two reviewers cannot both decide.
 * The move and its `help_request.reviewed` event (the audit entry and the author's message)
 * commit in one unit of work.
 */
export function reviewHelpRequest(
  deps: AppDeps,
  input: { id: string; actor: Actor; body: TReviewHelpRequest; requestId?: string },
): Promise<ReviewHelpRequestResult> {
  return inUnitOfWork(deps, async (uow): Promise<ReviewHelpRequestResult> => {
    const at = deps.now();
    const approve = input.body.decision === 'approve';
    const updated = await HelpRequest.findOneAndUpdate(
      { _id: new Types.ObjectId(input.id), status: 'pending_review' },
      {
        $set: {
          status: approve ? 'published' : 'rejected',
          review: {
            decision: input.body.decision,
            reason: input.body.reason ?? '',
            by: new Types.ObjectId(input.actor.userId),
            at,
          },
        },
      },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) {
      return {
        outcome: (await HelpRequest.exists({ _id: new Types.ObjectId(input.id) })) ? 'not_pending' : 'not_found',
      };
    }
    const notice: Notice = {
      user: String(updated.author),
      title: approve ? '您的求助已公开' : '您的求助未通过审核',
      body: approve ? '志愿团队可以看到并响应您的求助了。' : `原因：${input.body.reason ?? ''}`,
      link: appLinks.helpRequest(input.id),
      dedupeKey: `help_review:${input.id}`,
    };
    uow.emit({
      type: 'help_request.reviewed',
      aggregate: `help_request:${input.id}`,
      payload: { id: input.id, status: updated.status, notices: [notice] },
      audit: {
        actor: auditActor(input.actor),
        action: approve ? 'help_request.approve' : 'help_request.reject',
        target: { type: 'help_request', id: input.id },
        before: { status: 'pending_review' },
        after: { status: updated.status, reason: input.body.reason },
        requestId: input.requestId,
      },
    });
    return { outcome: approve ? 'published' : 'rejected', request: updated };
  });
}

/** The author closes their own request while it is pending or public (guarded against a concurrent change). */
export async function closeHelpRequest(
  deps: AppDeps,
  request: HelpRequestDoc,
): Promise<{ outcome: 'closed'; request: HelpRequestDoc } | Refusal<'not_open'>> {
  const updated = await HelpRequest.findOneAndUpdate(
    { _id: request._id, status: { $in: ['pending_review', 'published'] } },
    { $set: { status: 'closed', closedAt: deps.now() } },
    { returnDocument: 'after' },
  ).lean();
  return updated ? { outcome: 'closed', request: updated } : { outcome: 'not_open' };
}
