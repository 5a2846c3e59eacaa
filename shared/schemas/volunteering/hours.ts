import { z } from 'zod';
import { ZObjectId, ZPagination } from '../common';

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

export interface THoursEntryDto {
  id: string;
  userId: string;
  volunteerName: string;
  teamId: string;
  activityId: string | null;
  activityTitle: string;
  shiftId: string | null;
  signupId: string | null;
  serviceDate: string;
  minutes: number;
  source: THoursSource;
  status: THoursStatus;
  autoCheckedOut: boolean;
  correctsEntryId: string | null;
  reason: string;
  note: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  createdAt: string;
}

export interface THoursTotalsDto {
  confirmedMinutes: number;
  pendingMinutes: number;
  confirmedHours: string;
}

export type TBulkOutcome = 'confirmed' | 'rejected' | 'not_pending' | 'not_found';
export interface TBulkResultDto {
  results: { entryId: string; outcome: TBulkOutcome }[];
  confirmed: number;
  rejected: number;
  skipped: number;
}

export interface TLeaderboardRowDto {
  rank: number;
  userId: string;
  displayName: string;
  confirmedMinutes: number;
  confirmedHours: string;
}

export interface TReconcileReportDto {
  entriesScanned: number;
  totalsChecked: number;
  mismatches: {
    kind: string;
    teamId: string | null;
    userId: string | null;
    field: string;
    expected: number;
    found: number;
  }[];
  fixed: number;
}
