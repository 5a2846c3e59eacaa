import { z } from 'zod';
import { ZObjectId } from '../common';
import { ZLeaderboardRowDto } from './hours';

const ZMonth = z.string({ error: '月份格式应为 YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const STATS_MAX_MONTHS = 36;

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** Periods are Asia/Shanghai calendar months, inclusive; omitted → the last 12 months. */
export const ZStatsQuery = z
  .strictObject({
    from: ZMonth.optional(),
    to: ZMonth.optional(),
    by: z.enum(['month', 'team'], { error: '分组方式只能是 month 或 team' }).default('month'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始月份不能晚于结束月份', path: ['to'] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < STATS_MAX_MONTHS, {
    message: `统计区间最多 ${STATS_MAX_MONTHS} 个月`,
    path: ['from'],
  });
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

export const ZStatsTeamParams = z.strictObject({ teamId: ZObjectId });
export type TStatsTeamParams = z.infer<typeof ZStatsTeamParams>;

export const ZStatsRowDto = z.object({
  /** YYYY-MM when grouped by month; the team id when grouped by team. */
  key: z.string(),
  label: z.string(),
  volunteers: z.number().int(),
  minutes: z.number().int(),
  hours: z.string(),
  /** Activities with confirmed service in the period. */
  activitiesServed: z.number().int(),
  /** Activities whose first shift starts in the period (published or completed). */
  activitiesHeld: z.number().int(),
});
export type TStatsRowDto = z.infer<typeof ZStatsRowDto>;

export const ZStatsDto = z.object({
  scope: z.object({ type: z.enum(['team', 'district']), teamId: z.string().nullable(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  by: z.enum(['month', 'team']),
  rows: z.array(ZStatsRowDto),
  totals: z.object({
    volunteers: z.number().int(),
    minutes: z.number().int(),
    hours: z.string(),
    activitiesServed: z.number().int(),
    activitiesHeld: z.number().int(),
  }),
  /** District scope only: registered volunteers and certified teams now. */
  registeredVolunteers: z.number().int().nullable(),
  certifiedTeams: z.number().int().nullable(),
});
export type TStatsDto = z.infer<typeof ZStatsDto>;

// Leaderboards of a period (issue 16): this month, this year or all time, district or one team.
export const LEADERBOARD_PERIODS = ['month', 'year', 'all'] as const;
export const ZBoardQuery = z.strictObject({
  teamId: ZObjectId.optional(),
  period: z.enum(LEADERBOARD_PERIODS, { error: '排行周期只能是 month、year 或 all' }).default('month'),
  limit: z.coerce.number().int().min(1, '至少 1 名').max(100, '最多 100 名').default(20),
});
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

export const ZBoardDto = z.object({
  period: z.enum(LEADERBOARD_PERIODS),
  /** 2026年12月 / 2026年 / 累计 (Asia/Shanghai). */
  label: z.string(),
  scope: z.object({ type: z.enum(['team', 'district']), teamId: z.string().nullable(), name: z.string() }),
  items: z.array(ZLeaderboardRowDto),
});
export type TBoardDto = z.infer<typeof ZBoardDto>;
