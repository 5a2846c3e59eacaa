import { z } from 'zod';
import { ZHelpRequestAbilities } from '../abilities';
import { ZDateOut, ZGeoPoint, ZObjectId, ZPagination, hasRealText, zIsoDate, zPage } from '../common';
import { ACTIVITY_CATEGORIES, type TActivityCategory } from './activities';

export const HELP_CATEGORIES = [
  'elderly_care',
  'disability_support',
  'child_care',
  'daily_errands',
  'health',
  'environment',
  'other',
] as const;
export type THelpCategory = (typeof HELP_CATEGORIES)[number];
export const HELP_CATEGORY_LABELS: Record<THelpCategory, string> = {
  elderly_care: '助老',
  disability_support: '助残',
  child_care: '关爱儿童',
  daily_errands: '生活帮办',
  health: '健康',
  environment: '环境',
  other: '其他',
};

/** The activity category a help request's category becomes when a team turns it into an activity. */
export const HELP_TO_ACTIVITY_CATEGORY: Record<THelpCategory, TActivityCategory> = {
  elderly_care: 'elderly_care',
  disability_support: 'community_service',
  child_care: 'child_care',
  daily_errands: 'community_service',
  health: 'health',
  environment: 'environment',
  other: 'other',
};

/**
 * pending_review → published (approved) | rejected; published → taken (a team takes it up)
 * → converted (linked to the activity the team published) ; the author may close it while
 * pending or published.
 */
export const HELP_STATUSES = ['pending_review', 'published', 'rejected', 'taken', 'converted', 'closed'] as const;
export type THelpStatus = (typeof HELP_STATUSES)[number];

export const ZCreateHelpRequest = z.strictObject({
  category: z.enum(HELP_CATEGORIES, { error: '求助类别无效' }),
  description: z
    .string({ error: '请描述需要的帮助' })
    .trim()
    .min(5, '描述至少 5 个字')
    .max(1000, '描述不能超过 1000 个字')
    .refine(hasRealText, '描述须包含文字，不能只有表情或符号'),
  address: z.string({ error: '请填写地点' }).trim().min(2, '地点至少 2 个字').max(100, '地点不能超过 100 个字'),
  location: ZGeoPoint.optional(),
  neededAt: zIsoDate('时间格式不正确'),
});
export type TCreateHelpRequest = z.infer<typeof ZCreateHelpRequest>;

export const ZHelpIdParams = z.strictObject({ id: ZObjectId });
export type THelpIdParams = z.infer<typeof ZHelpIdParams>;

export const ZReviewHelpRequest = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
    reason: z.string().trim().max(200, '原因不能超过 200 个字').optional(),
  })
  .refine((b) => b.decision === 'approve' || (b.reason ?? '').length >= 2, {
    message: '驳回时请填写原因（至少 2 个字）',
    path: ['reason'],
  });
export type TReviewHelpRequest = z.infer<typeof ZReviewHelpRequest>;

export const ZTakeHelpRequest = z.strictObject({ teamId: ZObjectId });
export type TTakeHelpRequest = z.infer<typeof ZTakeHelpRequest>;

export const ZConvertHelpRequest = z.strictObject({ activityId: ZObjectId });
export type TConvertHelpRequest = z.infer<typeof ZConvertHelpRequest>;

export const ZHelpListQuery = ZPagination.extend({
  category: z.enum(HELP_CATEGORIES, { error: '求助类别无效' }).optional(),
});
export type THelpListQuery = z.infer<typeof ZHelpListQuery>;

export const ZHelpReviewQuery = ZPagination.extend({
  status: z.enum(HELP_STATUSES, { error: '状态不正确' }).default('pending_review'),
});
export type THelpReviewQuery = z.infer<typeof ZHelpReviewQuery>;

/** Public view: no author identity. */
export const ZHelpRequestDto = z.object({
  /** What the asker may do now (help pages). */
  abilities: ZHelpRequestAbilities.optional(),
  id: z.string(),
  category: z.enum(HELP_CATEGORIES),
  categoryLabel: z.string(),
  description: z.string(),
  address: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  neededAt: ZDateOut,
  status: z.enum(HELP_STATUSES),
  takenBy: z.object({ teamId: z.string(), teamName: z.string() }).nullable(),
  activityId: z.string().nullable(),
  createdAt: ZDateOut,
});
export type THelpRequestDto = z.infer<typeof ZHelpRequestDto>;

/** Author's and reviewers' view adds the review outcome and the content-check flag. */
export const ZHelpRequestDetailDto = ZHelpRequestDto.extend({
  authorId: z.string(),
  contentFlag: z.enum(['pass', 'review']),
  review: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string(), at: ZDateOut }).nullable(),
});
export type THelpRequestDetailDto = z.infer<typeof ZHelpRequestDetailDto>;

/** Prefill for the team's activity form when it takes a request up. */
export const ZActivityDraftDto = z.object({
  title: z.string(),
  description: z.string(),
  address: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  /** The request's category as an activity category, and when the help is needed (the first shift's start). */
  category: z.enum(ACTIVITY_CATEGORIES),
  neededAt: ZDateOut,
  helpRequestId: z.string(),
});
export type TActivityDraftDto = z.infer<typeof ZActivityDraftDto>;

export const ZHelpRequestPage = zPage(ZHelpRequestDto);
export const ZHelpRequestDetailPage = zPage(ZHelpRequestDetailDto);
/** The author and reviewers get the detail view, everyone else the public one. */
export const ZHelpRequestView = z.union([ZHelpRequestDetailDto, ZHelpRequestDto]);
/** A write on a request: its named outcome and the request as the caller may see it. */
export const ZHelpRequestChanged = z.object({
  outcome: z.enum(['submitted', 'published', 'rejected', 'converted', 'closed']),
  request: z.union([ZHelpRequestDetailDto, ZHelpRequestDto]),
});
export const ZActivityDraftEnvelope = z.object({
  outcome: z.literal('taken'),
  request: ZHelpRequestDto,
  activityDraft: ZActivityDraftDto,
});
