import { Types } from 'mongoose';
import type { TFieldError } from '@shared/errors';
import type { TNoticeInputParsed } from '@shared/schemas/community/notices';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork, type UnitOfWork } from '../../../../platform/unit-of-work';
import { checkText } from '../../../content';
import { holdForReview } from '../../../review';
import { Notice, type NoticeDoc } from '../model';
import { plainText, sanitizeNoticeBody } from '../sanitize';

export const NOTICE_REVIEW_KIND = 'notice';

type PublishResult =
  | { outcome: 'published' | 'held_for_review'; notice: NoticeDoc }
  | Refusal<'empty_body' | 'expired'>
  | { outcome: 'content_risky'; fields: TFieldError[] };

/** `notice.published`: the alert push and audit react to it (subscribers.ts). */
export function emitPublished(uow: UnitOfWork, n: NoticeDoc, audit?: { actor: Actor; requestId?: string }): void {
  uow.emit({
    type: 'notice.published',
    aggregate: `notice:${String(n._id)}`,
    payload: { id: String(n._id), urgent: n.urgent, communityIds: n.communities.map(String), title: n.title },
    audit: audit && {
      actor: auditActor(audit.actor),
      action: 'notice.publish',
      target: { type: 'notice', id: String(n._id) },
      after: { title: n.title, urgent: n.urgent, communities: n.communities.map(String) },
      requestId: audit.requestId,
    },
  });
}

/** What publishing and editing check alike: the safe body, its text, the expiry and the keyword list. */
export async function checkNoticeInput(
  deps: AppDeps,
  input: TNoticeInputParsed,
): Promise<{ outcome: 'checked'; body: string; text: string; held: boolean } | Refusal<'empty_body' | 'expired'> | { outcome: 'content_risky'; fields: TFieldError[] }> {
  const body = sanitizeNoticeBody(input.body);
  const text = plainText(body);
  if (!text) return { outcome: 'empty_body' };
  if (input.expiresAt && input.expiresAt <= deps.now()) return { outcome: 'expired' };
  const verdict = await checkText(deps, { fields: { title: input.title, body: text }, scene: 'forum' });
  if (verdict.outcome === 'content_risky') return verdict;
  return { outcome: 'checked', body, text, held: verdict.outcome === 'review' };
}

/**
 * Publishes a notice from a district or community admin. The body keeps the safe subset; its
 * plain text and the title go through the content check for staff text (the configured keyword
 * list): a hit holds the notice for the district's 内容审核 queue instead of publishing it.
 */
export async function publishNotice(
  deps: AppDeps,
  actor: Actor,
  input: TNoticeInputParsed,
  requestId?: string,
): Promise<PublishResult> {
  const checked = await checkNoticeInput(deps, input);
  if (checked.outcome !== 'checked') return checked;
  const { body, text, held } = checked;
  const now = deps.now();
  return inUnitOfWork(deps, async (uow): Promise<PublishResult> => {
    const [notice] = await Notice.create([
      {
        title: input.title,
        body,
        text,
        category: input.category,
        communities: input.communityIds.map((id) => new Types.ObjectId(id)),
        pinned: input.pinned,
        urgent: input.urgent,
        expiresAt: input.expiresAt,
        attachments: input.attachments,
        status: held ? 'pending_review' : 'published',
        author: new Types.ObjectId(actor.userId),
        publishedAt: held ? undefined : now,
        readCount: 0,
      },
    ]);
    const doc = notice.toObject() as NoticeDoc;
    if (held) {
      await holdForReview(deps, {
        kind: NOTICE_REVIEW_KIND,
        ref: String(doc._id),
        title: doc.title,
        text,
        author: { userId: actor.userId, nameMasked: '工作人员' },
        context: [{ label: '类别', value: doc.category }, { label: '紧急', value: doc.urgent ? '是' : '否' }],
      });
      uow.emit({
        type: 'notice.held',
        aggregate: `notice:${String(doc._id)}`,
        payload: { id: String(doc._id) },
        audit: {
          actor: auditActor(actor),
          action: 'notice.hold',
          target: { type: 'notice', id: String(doc._id) },
          after: { title: doc.title, status: 'pending_review' },
          requestId,
        },
      });
    } else {
      emitPublished(uow, doc, { actor, requestId });
    }
    return { outcome: held ? 'held_for_review' : 'published', notice: doc };
  });
}

/** Withdraws a published or held notice (guarded on its state). */
export function withdrawNotice(
  deps: AppDeps,
  actor: Actor,
  id: string,
  requestId?: string,
): Promise<{ outcome: 'withdrawn'; notice: NoticeDoc } | Refusal<'not_open'>> {
  return inUnitOfWork(deps, async (uow) => {
    const notice = await Notice.findOneAndUpdate(
      { _id: new Types.ObjectId(id), status: { $in: ['published', 'pending_review'] } },
      { $set: { status: 'withdrawn' } },
      { returnDocument: 'after' },
    ).lean<NoticeDoc>();
    if (!notice) return { outcome: 'not_open' as const };
    uow.emit({
      type: 'notice.withdrawn',
      aggregate: `notice:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'notice.withdraw', target: { type: 'notice', id }, requestId },
    });
    return { outcome: 'withdrawn' as const, notice };
  });
}
