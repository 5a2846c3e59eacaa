import { z } from 'zod';
import { ZDateOut, ZObjectId, ZPagination, zPage } from '../common';

/** Documented rounding rule (server/modules/volunteering/hours/compute.ts): nearest 15 minutes. */
export const HOURS_ROUNDING_STEP_MINUTES = 15;
/** One self-report or adjustment never exceeds a day of service. */
export const HOURS_MAX_MINUTES_PER_ENTRY = 24 * 60;
export const HOURS_BULK_MAX = 200;

export const HOURS_SOURCES = ['checkin', 'self_report', 'adjustment'] as const;
export type THoursSource = (typeof HOURS_SOURCES)[number];
export const HOURS_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type THoursStatus = (typeof HOURS_STATUSES)[number];

const ZReason = z
  .string({ error: '请填写原因（至少 2 个字）' })
  .trim()
  .min(2, '请填写原因（至少 2 个字）')
  .max(200, '原因不能超过 200 个字');

export const ZSelfReportBody = z.strictObject({
  shiftId: ZObjectId,
  minutes: z
    .number({ error: '服务时长必须是数字' })
    .int('服务时长必须是整数分钟')
    .min(15, '服务时长至少 15 分钟')
    .max(HOURS_MAX_MINUTES_PER_ENTRY, '单次服务时长不能超过 24 小时'),
  note: z.string().trim().max(200, '说明不能超过 200 个字').default(''),
});
export type TSelfReportBody = z.infer<typeof ZSelfReportBody>;

export const ZBulkEntriesBody = z.strictObject({
  entryIds: z.array(ZObjectId).min(1, '请至少选择一条记录').max(HOURS_BULK_MAX, `一次最多处理 ${HOURS_BULK_MAX} 条`),
});
export type TBulkEntriesBody = z.infer<typeof ZBulkEntriesBody>;

export const ZRejectEntriesBody = ZBulkEntriesBody.extend({ reason: ZReason });
export type TRejectEntriesBody = z.infer<typeof ZRejectEntriesBody>;

/** Set the correct total for one confirmed entry; the server appends the difference. */
export const ZAdjustEntryBody = z.strictObject({
  minutes: z
    .number({ error: '服务时长必须是数字' })
    .int('服务时长必须是整数分钟')
    .min(0, '服务时长不能为负数')
    .max(HOURS_MAX_MINUTES_PER_ENTRY, '单次服务时长不能超过 24 小时'),
  reason: ZReason,
});
export type TAdjustEntryBody = z.infer<typeof ZAdjustEntryBody>;

export const ZTeamIdParams = z.strictObject({ teamId: ZObjectId });
export const ZEntryIdParams = z.strictObject({ entryId: ZObjectId });
export const ZActivityIdParams = z.strictObject({ activityId: ZObjectId });

export const ZTeamHoursQuery = ZPagination.extend({
  status: z.enum(HOURS_STATUSES, { error: '状态不正确' }).optional(),
  activityId: ZObjectId.optional(),
});
export type TTeamHoursQuery = z.infer<typeof ZTeamHoursQuery>;

export const ZMyHoursQuery = ZPagination;

export const ZLeaderboardQuery = z.object({
  teamId: ZObjectId.optional(),
  limit: z.coerce.number().int().min(1, '至少 1 名').max(100, '最多 100 名').default(20),
});
export type TLeaderboardQuery = z.infer<typeof ZLeaderboardQuery>;

export const ZHoursEntryDto = z.object({
  id: z.string(),
  userId: z.string(),
  volunteerName: z.string(),
  teamId: z.string(),
  activityId: z.string().nullable(),
  activityTitle: z.string(),
  shiftId: z.string().nullable(),
  signupId: z.string().nullable(),
  serviceDate: ZDateOut,
  minutes: z.number().int(),
  source: z.enum(HOURS_SOURCES),
  status: z.enum(HOURS_STATUSES),
  autoCheckedOut: z.boolean(),
  correctsEntryId: z.string().nullable(),
  reason: z.string(),
  note: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: ZDateOut.nullable(),
  createdAt: ZDateOut,
});
export type THoursEntryDto = z.infer<typeof ZHoursEntryDto>;

export const ZHoursTotalsDto = z.object({
  confirmedMinutes: z.number().int(),
  pendingMinutes: z.number().int(),
  confirmedHours: z.string(),
});
export type THoursTotalsDto = z.infer<typeof ZHoursTotalsDto>;

export const BULK_OUTCOMES = ['confirmed', 'rejected', 'not_pending', 'not_found'] as const;
export type TBulkOutcome = (typeof BULK_OUTCOMES)[number];
export const ZBulkResultDto = z.object({
  results: z.array(z.object({ entryId: z.string(), outcome: z.enum(BULK_OUTCOMES) })),
  confirmed: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
});
export type TBulkResultDto = z.infer<typeof ZBulkResultDto>;

export const ZLeaderboardRowDto = z.object({
  rank: z.number().int(),
  userId: z.string(),
  displayName: z.string(),
  confirmedMinutes: z.number().int(),
  confirmedHours: z.string(),
});
export type TLeaderboardRowDto = z.infer<typeof ZLeaderboardRowDto>;
export const ZLeaderboard = z.object({ items: z.array(ZLeaderboardRowDto) });

export const ZReconcileReportDto = z.object({
  entriesScanned: z.number().int(),
  totalsChecked: z.number().int(),
  mismatches: z.array(
    z.object({
      kind: z.string(),
      teamId: z.string().nullable(),
      userId: z.string().nullable(),
      field: z.string(),
      expected: z.number(),
      found: z.number(),
    }),
  ),
  fixed: z.number().int(),
});
export type TReconcileReportDto = z.infer<typeof ZReconcileReportDto>;

/** A volunteer's or a team's hours: the totals and one page of the ledger, latest first. */
export const ZHoursPage = zPage(ZHoursEntryDto).extend({ totals: ZHoursTotalsDto });
export type THoursPage = z.infer<typeof ZHoursPage>;
export const ZHoursEntryEnvelope = z.object({ outcome: z.literal('reported'), entry: ZHoursEntryDto });
/** An adjustment: the minutes before and after, and the appended correction (null when unchanged). */
export const ZAdjustResult = z.object({
  outcome: z.enum(['adjusted', 'unchanged']),
  before: z.number().int(),
  after: z.number().int(),
  adjustment: ZHoursEntryDto.nullable(),
});
export type TAdjustResult = z.infer<typeof ZAdjustResult>;
