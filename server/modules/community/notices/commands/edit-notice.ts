import { Types } from 'mongoose';
import type { TNoticeInputParsed } from '@shared/schemas/community/notices';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { holdForReview } from '../../../review';
import { Notice, type NoticeDoc } from '../model';
import { NOTICE_REVIEW_KIND, checkNoticeInput, type CheckedNotice } from './publish-notice';

type EditResult =
  | { outcome: 'updated' | 'held_for_review'; notice: NoticeDoc }
  | Refusal<'not_open'>
  | Exclude<Awaited<ReturnType<typeof checkNoticeInput>>, CheckedNotice>;

/**
 * Edits a published (or held) notice in place: same checks as publishing. An edit that hits the
 * keyword list takes the notice back to the review queue. No new alert push: readers already had
 * one; the read count stays. The update is guarded on the state, so a withdrawn notice stays so.
 */
export async function editNotice(
  deps: AppDeps,
  actor: Actor,
  current: Pick<NoticeDoc, '_id' | 'attachments'>,
  input: TNoticeInputParsed,
  requestId?: string,
): Promise<EditResult> {
  const id = String(current._id);
  const checked = await checkNoticeInput(deps, input, { actorId: actor.userId, kept: current.attachments });
  if (checked.outcome !== 'checked') return checked;
  const { body, text, held, attachments } = checked;
  return inUnitOfWork(deps, async (uow): Promise<EditResult> => {
    const before = await Notice.findOneAndUpdate(
      { _id: new Types.ObjectId(id), status: { $in: ['published', 'pending_review'] } },
      {
        $set: {
          title: input.title,
          body,
          text,
          category: input.category,
          communities: input.communityIds.map((c) => new Types.ObjectId(c)),
          pinned: input.pinned,
          urgent: input.urgent,
          expiresAt: input.expiresAt ?? null,
          attachments,
          editedAt: deps.now(),
          ...(held ? { status: 'pending_review' } : {}),
        },
      },
      { returnDocument: 'before' },
    ).lean<NoticeDoc>();
    if (!before) return { outcome: 'not_open' };
    const notice = (await Notice.findById(before._id).lean<NoticeDoc>())!;
    if (held) {
      await holdForReview(deps, {
        kind: NOTICE_REVIEW_KIND,
        ref: id,
        title: notice.title,
        text,
        author: { userId: actor.userId, nameMasked: '工作人员' },
        context: [{ label: '类别', value: notice.category }, { label: '修改', value: '是' }],
      });
    }
    uow.emit({
      type: 'notice.edited',
      aggregate: `notice:${id}`,
      payload: { id, held },
      audit: {
        actor: auditActor(actor),
        action: 'notice.edit',
        target: { type: 'notice', id },
        before: { title: before.title, status: before.status, communities: before.communities.map(String) },
        after: { title: notice.title, status: notice.status, communities: notice.communities.map(String) },
        requestId,
      },
    });
    return { outcome: held ? 'held_for_review' : 'updated', notice };
  });
}
