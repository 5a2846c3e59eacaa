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
import { Notice, NoticeFile, type NoticeAttachment, type NoticeDoc, type NoticeFileDoc } from '../model';
import { plainText, sanitizeNoticeBody } from '../sanitize';

export const NOTICE_REVIEW_KIND = 'notice';

type PublishResult = { outcome: 'published' | 'held_for_review'; notice: NoticeDoc } | InputRefusal;

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

type InputRefusal = Refusal<'empty_body' | 'expired'> | { outcome: 'content_risky' | 'attachment_invalid'; fields: TFieldError[] };
export type CheckedNotice = { outcome: 'checked'; body: string; text: string; held: boolean; attachments: NoticeAttachment[] };

/**
 * Input attachments → stored ones. An uploaded file may be attached by whoever uploaded it, or
 * kept by an edit of a notice that already shows it (a colleague's notice); any other file id
 * is refused as missing, so no one attaches (and thereby reads) a file they never saw.
 */
async function resolveAttachments(
  input: TNoticeInputParsed['attachments'],
  uploaderId: string,
  kept: readonly NoticeAttachment[],
): Promise<NoticeAttachment[] | TFieldError[]> {
  const ids = input.flatMap((a) => (a.fileId ? [new Types.ObjectId(a.fileId)] : []));
  const files = ids.length ? await NoticeFile.find({ _id: { $in: ids } }).lean<NoticeFileDoc[]>() : [];
  const byId = new Map(files.map((f) => [String(f._id), f]));
  const keptIds = new Set(kept.flatMap((a) => (a.file ? [String(a.file)] : [])));
  const errors: TFieldError[] = [];
  const out = input.map((a, i): NoticeAttachment => {
    if (!a.fileId) return { name: a.name, url: a.url!, kind: 'link' };
    const f = byId.get(a.fileId);
    if (!f || (String(f.uploader) !== uploaderId && !keptIds.has(a.fileId))) {
      errors.push({ path: `attachments.${i}.fileId`, message: '附件不存在或已失效，请重新上传' });
      return { name: a.name };
    }
    return { name: a.name, file: f._id, kind: f.kind, bytes: f.bytes };
  });
  return errors.length ? errors : out;
}

/** What publishing and editing check alike: the safe body, its text, the expiry, the attachments and the keyword list. */
export async function checkNoticeInput(
  deps: AppDeps,
  input: TNoticeInputParsed,
  by: { actorId: string; kept?: readonly NoticeAttachment[] },
): Promise<CheckedNotice | InputRefusal> {
  const body = sanitizeNoticeBody(input.body);
  const text = plainText(body);
  if (!text) return { outcome: 'empty_body' };
  if (input.expiresAt && input.expiresAt <= deps.now()) return { outcome: 'expired' };
  const attachments = await resolveAttachments(input.attachments, by.actorId, by.kept ?? []);
  if (attachments.some((a) => 'path' in a)) return { outcome: 'attachment_invalid', fields: attachments as TFieldError[] };
  const verdict = await checkText(deps, { fields: { title: input.title, body: text }, scene: 'forum' });
  if (verdict.outcome === 'content_risky') return verdict;
  return { outcome: 'checked', body, text, held: verdict.outcome === 'review', attachments: attachments as NoticeAttachment[] };
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
  const checked = await checkNoticeInput(deps, input, { actorId: actor.userId });
  if (checked.outcome !== 'checked') return checked;
  const { body, text, held, attachments } = checked;
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
        attachments,
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
