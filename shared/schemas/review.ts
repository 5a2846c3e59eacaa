import { z } from 'zod';
import { ZPageQuery, zText, VOLUNTEERING_LIMITS } from './volunteering/common';

/**
 * The district's one 内容审核 queue. Each domain registers content kinds
 * (`activity`, `volunteer-intro`, …); the queue lists held items of every kind
 * in one shape and takes one decision shape.
 */
export const ZReviewKindName = z
  .string({ error: '请选择审核类别' })
  .regex(/^[a-z][a-z0-9-]{1,39}$/, '审核类别格式不正确');

export const ZReviewListQuery = z.strictObject({ kind: ZReviewKindName.optional(), ...ZPageQuery });
export type TReviewListQuery = z.infer<typeof ZReviewListQuery>;

export const ZReviewItemParams = z.strictObject({
  kind: ZReviewKindName,
  id: z.string({ error: '编号格式不正确' }).regex(/^[0-9a-f]{24}$/i, '编号格式不正确'),
});
export type TReviewItemParams = z.infer<typeof ZReviewItemParams>;

/** Approve or reject; a reason is required to reject; `version` (from the item) guards against deciding a changed text blind. */
export const ZReviewDecisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
    reason: zText('驳回原因', 2, VOLUNTEERING_LIMITS.reasonMax).optional(),
    version: z.string({ error: '版本格式不正确' }).min(1, '版本格式不正确').max(100, '版本格式不正确').optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason ?? '').trim().length >= 2, {
    message: '驳回时请填写原因（至少 2 个字）',
    path: ['reason'],
  });
export type TReviewDecisionInput = z.infer<typeof ZReviewDecisionInput>;

const ZLabelled = z.object({ label: z.string(), value: z.string() });

/** One held item as the moderator sees it: public text only, the author masked. */
export const ZReviewItemDto = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  id: z.string(),
  /** Opaque; send it back with the decision. */
  version: z.string(),
  /** What is held, e.g. 新活动 / 活动修改 / 个人简介. */
  state: z.string(),
  title: z.string(),
  text: z.string(),
  /** The public text the held one would replace (edits), or null. */
  previous: z.string().nullable(),
  images: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
  author: z.object({ nameMasked: z.string() }),
  context: z.array(ZLabelled),
  heldAt: z.string(),
  abilities: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type TReviewItemDto = z.infer<typeof ZReviewItemDto>;

export const ZReviewKindSummary = z.object({
  kind: z.string(),
  label: z.string(),
  total: z.number().int(),
  /** What the moderator is told after approving an item of this kind. */
  approvedHint: z.string(),
});
export type TReviewKindSummary = z.infer<typeof ZReviewKindSummary>;

export const ZReviewListDto = z.object({
  kinds: z.array(ZReviewKindSummary),
  items: z.array(ZReviewItemDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TReviewListDto = z.infer<typeof ZReviewListDto>;

export const ZReviewDecisionDto = z.object({
  kind: z.string(),
  id: z.string(),
  decision: z.enum(['approve', 'reject']),
  /** The kind's own name for what happened (published, edit_applied, approved, rejected…). */
  outcome: z.string(),
  /** The decided resource as its module presents it (e.g. `{ activity }`, `{ intro, introReview }`). */
  result: z.record(z.string(), z.unknown()),
});
export type TReviewDecisionDto = z.infer<typeof ZReviewDecisionDto>;
