import { z } from 'zod';
import { ZDateOut, ZGeoPoint, ZObjectId, hasRealText, zPage } from '../common';
import { ZActivityAbilities } from '../abilities';
import { ZSignupDto } from './signups';
import { ACTIVITY_CATEGORIES } from './constants';
import { VOLUNTEERING_LIMITS as L, ZIsoDateTime, ZPageQuery, zBoolQuery, zLatQuery, zLngQuery, zTag, zText } from './common';

export { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type TActivityCategory } from './constants';

const ZCapacity = z
  .number({ error: '名额必须是数字' })
  .int('名额必须是整数')
  .min(1, '名额至少为 1')
  .max(L.capacityMax, `名额最多 ${L.capacityMax}`);

export const ZShiftInput = z
  .strictObject({
    start: ZIsoDateTime,
    end: ZIsoDateTime,
    capacity: ZCapacity,
  })
  .refine((s) => Date.parse(s.end) > Date.parse(s.start), { message: '结束时间必须晚于开始时间', path: ['end'] })
  .refine((s) => Date.parse(s.end) - Date.parse(s.start) <= 24 * 3600_000, {
    message: '单个班次不能超过 24 小时',
    path: ['end'],
  });
export type TShiftInput = z.infer<typeof ZShiftInput>;

/** A new start and end for an existing shift (PATCH /api/activities/:id). */
export const ZShiftTimeInput = z
  .strictObject({ shiftId: ZObjectId, start: ZIsoDateTime, end: ZIsoDateTime })
  .refine((s) => Date.parse(s.end) > Date.parse(s.start), { message: '结束时间必须晚于开始时间', path: ['end'] })
  .refine((s) => Date.parse(s.end) - Date.parse(s.start) <= 24 * 3600_000, {
    message: '单个班次不能超过 24 小时',
    path: ['end'],
  });
export type TShiftTimeInput = z.infer<typeof ZShiftTimeInput>;

const ZCoverUrl = z
  .string({ error: '封面图片地址格式不正确' })
  .trim()
  .max(500, '封面图片地址过长')
  .regex(/^(https:\/\/|\/api\/)[^\s]*$/, '封面图片须为 https 地址或本站上传的图片');

const activityFields = {
  title: zText('活动标题', 2, L.titleMax).refine(hasRealText, '活动标题须包含文字，不能只有表情或符号'),
  description: zText('活动介绍', 1, L.descriptionMax),
  coverUrl: ZCoverUrl,
  address: zText('活动地址', 2, 120),
  location: z.strictObject(ZGeoPoint.shape, { error: '请在地图上选择活动地点' }),
  category: z.enum(ACTIVITY_CATEGORIES, { error: '活动类别无效' }),
  requiredSkills: z.array(zTag('技能'), { error: '技能格式不正确' }).max(L.tagsMax, `技能最多 ${L.tagsMax} 项`),
  signupDeadline: ZIsoDateTime,
  cancelDeadline: ZIsoDateTime,
  checkinRadiusM: z
    .number({ error: '签到范围必须是数字' })
    .int('签到范围必须是整数')
    .min(L.radiusMinM, `签到范围至少 ${L.radiusMinM} 米`)
    .max(L.radiusMaxM, `签到范围最多 ${L.radiusMaxM} 米`),
  requiresApproval: z.boolean({ error: '是否需要审核只能是 true 或 false' }),
  checkinRequired: z.boolean({ error: '是否需要现场签到只能是 true 或 false' }),
  reminderLeadMinutes: z
    .number({ error: '提醒提前量必须是数字' })
    .int('提醒提前量必须是整数')
    .min(10, '提醒至少提前 10 分钟')
    .max(2880, '提醒最多提前 48 小时'),
};

/** Deadlines must not fall after the first shift starts. */
function checkDeadlines(
  v: { signupDeadline?: string; cancelDeadline?: string },
  firstStart: number | null,
  ctx: z.RefinementCtx,
) {
  if (firstStart === null) return;
  if (v.signupDeadline && Date.parse(v.signupDeadline) > firstStart)
    ctx.addIssue({ code: 'custom', path: ['signupDeadline'], message: '报名截止时间不能晚于第一个班次开始时间' });
  if (v.cancelDeadline && Date.parse(v.cancelDeadline) > firstStart)
    ctx.addIssue({ code: 'custom', path: ['cancelDeadline'], message: '取消截止时间不能晚于第一个班次开始时间' });
}

/** POST /api/activities — a certified team's admin publishes an activity. */
export const ZActivityCreateInput = z
  .strictObject({
    teamId: ZObjectId,
    ...activityFields,
    coverUrl: activityFields.coverUrl.optional(),
    requiredSkills: activityFields.requiredSkills.default([]),
    checkinRadiusM: activityFields.checkinRadiusM.default(300),
    requiresApproval: activityFields.requiresApproval.default(false),
    checkinRequired: activityFields.checkinRequired.default(true),
    /** How long before a shift starts confirmed volunteers are reminded. */
    reminderLeadMinutes: activityFields.reminderLeadMinutes.default(120),
    shifts: z
      .array(ZShiftInput, { error: '请至少添加一个班次' })
      .min(1, '请至少添加一个班次')
      .max(L.shiftsMax, `班次最多 ${L.shiftsMax} 个`),
  })
  .superRefine((v, ctx) => {
    const starts = v.shifts.map((s) => Date.parse(s.start)).filter((n) => !Number.isNaN(n));
    checkDeadlines(v, starts.length ? Math.min(...starts) : null, ctx);
  });
export type TActivityCreateInput = z.infer<typeof ZActivityCreateInput>;

/**
 * PATCH /api/activities/:id — edit; everyone signed up is notified. Shift
 * capacities may change (never below the places already taken); new shifts
 * may be added; shifts not yet started may be moved (shiftTimes). Deadlines are re-checked against the shifts by the command.
 */
export const ZActivityUpdateInput = z
  .strictObject({
    title: activityFields.title.optional(),
    description: activityFields.description.optional(),
    coverUrl: activityFields.coverUrl.optional(),
    address: activityFields.address.optional(),
    location: activityFields.location.optional(),
    category: activityFields.category.optional(),
    requiredSkills: activityFields.requiredSkills.optional(),
    signupDeadline: activityFields.signupDeadline.optional(),
    cancelDeadline: activityFields.cancelDeadline.optional(),
    checkinRadiusM: activityFields.checkinRadiusM.optional(),
    capacities: z
      .array(z.strictObject({ shiftId: ZObjectId, capacity: ZCapacity }), { error: '名额修改格式不正确' })
      .max(L.shiftsMax, '修改的班次过多')
      .optional(),
    addShifts: z.array(ZShiftInput, { error: '班次格式不正确' }).max(L.shiftsMax, '班次过多').optional(),
    /** New start/end of existing, not yet started shifts; volunteers are moved or released (see the command). */
    shiftTimes: z.array(ZShiftTimeInput, { error: '班次时间修改格式不正确' }).max(L.shiftsMax, '修改的班次过多').optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '没有需要修改的内容' });
export type TActivityUpdateInput = z.infer<typeof ZActivityUpdateInput>;

export const ZActivityCancelInput = z.strictObject({ reason: zText('取消原因', 2, L.reasonMax) });
export type TActivityCancelInput = z.infer<typeof ZActivityCancelInput>;

export const ZActivityParams = z.strictObject({ id: ZObjectId });
export type TActivityParams = z.infer<typeof ZActivityParams>;

/**
 * GET /api/activities — discovery. With lng/lat: nearest first within radiusKm;
 * otherwise soonest first. `suitable=true` (signed in) keeps activities whose
 * required skills the volunteer has, in their service areas or availability.
 * `q` searches the title and description.
 */
export const ZActivityListQuery = z
  .strictObject({
    lng: zLngQuery.optional(),
    lat: zLatQuery.optional(),
    radiusKm: z.coerce
      .number({ error: '范围格式不正确' })
      .positive('范围必须大于 0')
      .max(L.nearbyMaxKm, `范围最大 ${L.nearbyMaxKm} 公里`)
      .default(10),
    from: ZIsoDateTime.optional(),
    to: ZIsoDateTime.optional(),
    category: z.enum(ACTIVITY_CATEGORIES, { error: '活动类别无效' }).optional(),
    teamId: ZObjectId.optional(),
    suitable: zBoolQuery.optional(),
    /** Words searched in the title and description (case-insensitive, combined with the other filters). */
    q: z
      .string({ error: '搜索词格式不正确' })
      .trim()
      .max(L.searchMax, `搜索词不能超过 ${L.searchMax} 个字`)
      .optional(),
    ...ZPageQuery,
  })
  .refine((q) => (q.lng === undefined) === (q.lat === undefined), { message: '经纬度需同时提供', path: ['lat'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '开始日期不能晚于结束日期',
    path: ['to'],
  });
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;

/**
 * under_review: held for a district admin (content check said "review", or a cover
 * image not yet checked); rejected: a moderator refused it. Neither is listed.
 */
export const ACTIVITY_STATUSES = ['under_review', 'published', 'rejected', 'cancelled', 'completed'] as const;
export type TActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<TActivityStatus, string> = {
  under_review: '审核中',
  published: '报名中',
  rejected: '未通过审核',
  cancelled: '已取消',
  completed: '已结束',
};

export const ZActivityModerationQuery = z.strictObject({ ...ZPageQuery });
export type TActivityModerationQuery = z.infer<typeof ZActivityModerationQuery>;

/** Moderation state shown to the team's admins and moderators (null for the public). */
export const ZActivityReviewDto = z.object({
  /** under_review / rejected for the activity itself; edit_held when a published activity's edit waits. */
  state: z.enum(['under_review', 'rejected', 'edit_held', 'approved']),
  label: z.string(),
  reason: z.string().nullable(),
  /** Held edit (not yet public): the fields a moderator must approve. */
  heldEdit: z
    .object({ title: z.string().optional(), description: z.string().optional(), coverUrl: z.string().optional() })
    .nullable(),
  /**
   * WeChat's image check of an outside cover: pending until its verdict arrives; risky means
   * the image was already removed. null when no cover needed the check.
   */
  coverCheck: z.enum(['pending', 'pass', 'risky', 'review']).nullable(),
  decidedAt: ZDateOut.nullable(),
});
export type TActivityReviewDto = z.infer<typeof ZActivityReviewDto>;

export const ZShiftDto = z.object({
  id: z.string(),
  start: ZDateOut,
  end: ZDateOut,
  capacity: z.number().int(),
  /** Places taken (confirmed, offered or awaiting approval). */
  taken: z.number().int(),
  remaining: z.number().int(),
  waiting: z.number().int(),
});
export type TShiftDto = z.infer<typeof ZShiftDto>;

export const ZActivitySummaryDto = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  title: z.string(),
  coverUrl: z.string().nullable(),
  address: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  distanceM: z.number().optional(),
  category: z.enum(ACTIVITY_CATEGORIES),
  status: z.enum(ACTIVITY_STATUSES),
  startsAt: ZDateOut,
  endsAt: ZDateOut,
  signupDeadline: ZDateOut,
  remaining: z.number().int(),
});
export type TActivitySummaryDto = z.infer<typeof ZActivitySummaryDto>;

export const ZActivityDetailDto = ZActivitySummaryDto.extend({
  /** What the asker may do now (activity page); absent in lists. */
  abilities: ZActivityAbilities.optional(),
  description: z.string(),
  requiredSkills: z.array(z.string()),
  cancelDeadline: ZDateOut,
  checkinRadiusM: z.number(),
  requiresApproval: z.boolean(),
  checkinRequired: z.boolean(),
  reminderLeadMinutes: z.number().int(),
  cancelReason: z.string().nullable(),
  shifts: z.array(ZShiftDto),
  sharePath: z.string(),
  /** Only for the team's admins and moderators; null otherwise. */
  review: ZActivityReviewDto.nullable().optional(),
  createdAt: ZDateOut,
  updatedAt: ZDateOut,
});
export type TActivityDetailDto = z.infer<typeof ZActivityDetailDto>;

/** Publish and edit: the named outcome and the activity as its team now sees it. */
export const ZActivityChanged = z.object({
  outcome: z.enum(['published', 'under_review', 'updated', 'edit_held']),
  activity: ZActivityDetailDto,
});
export const ZActivityCancelled = z.object({ activity: ZActivityDetailDto, released: z.number().int() });
/** Discovery lists page by "has more" (a nearby list has no cheap total). */
export const ZActivityList = z.object({
  items: z.array(ZActivitySummaryDto),
  hasMore: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const ZActivityDetailsPage = zPage(ZActivityDetailDto);
/** An activity's page: the activity, the caller's own signups to it, and whether the caller manages it. */
export const ZActivityView = z.object({ activity: ZActivityDetailDto, mySignups: z.array(ZSignupDto), canManage: z.boolean() });
