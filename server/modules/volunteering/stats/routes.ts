import {
  ZBoardDto,
  ZBoardQuery,
  type TBoardQuery,
  ZStatsDto,
  ZStatsQuery,
  ZStatsTeamParams,
  type TStatsQuery,
  type TStatsTeamParams,
} from '@shared/schemas/volunteering/stats';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { anyRole, publicAccess, signedIn } from '../../../http/policy';
import { defineRoute, type LinliContext, type RouteSpec } from '../../../http/route';
import { teamPolicy } from '../teams';
import { statsCsv } from './csv';
import { periodLeaderboard } from './leaderboard';
import { volunteeringStats } from './queries';

/** Header values must be ASCII: an ASCII fallback name, and the Chinese one in RFC 5987 form. */
function sendCsv(ctx: LinliContext, asciiName: string, name: string, body: Buffer): void {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set(
    'Content-Disposition',
    `attachment; filename="${asciiName}.csv"; filename*=UTF-8''${encodeURIComponent(name)}.csv`,
  );
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = body;
}

export function routes(deps: AppDeps): RouteSpec[] {
  const teamStats = (csv: boolean) =>
    defineRoute<undefined, TStatsQuery, TStatsTeamParams>({
      method: 'get',
      path: `/api/teams/:teamId/stats${csv ? '.csv' : ''}`,
      summary: csv
        ? '导出团队统计 CSV（Excel 可直接打开）'
        : '团队统计（团队管理员）：按月或合计的志愿者人数、服务时长、活动数',
      tags: ['volunteering'],
      policy: signedIn,
      params: ZStatsTeamParams,
      query: ZStatsQuery,
      ...(csv ? { produces: 'text/csv' } : { response: ZStatsDto }),
      handler: async (ctx, { params, query }) => {
        await teamPolicy.authorize(ctx.state.actor, 'viewStats', { id: params.teamId });
        const stats = await volunteeringStats({
          teamId: params.teamId,
          query: { ...query, by: 'month' },
          now: deps.now(),
        });
        if (csv)
          sendCsv(ctx, `team-stats-${stats.from}-${stats.to}`, `团队统计-${stats.from}-${stats.to}`, statsCsv(stats));
        else ctx.body = stats;
      },
    });
  const districtStats = (csv: boolean) =>
    defineRoute<undefined, TStatsQuery>({
      method: 'get',
      path: `/api/admin/volunteering/stats${csv ? '.csv' : ''}`,
      summary: csv ? '导出全区志愿服务统计 CSV' : '全区志愿服务统计（区级管理员）：按月或按团队',
      tags: ['volunteering', 'admin'],
      policy: anyRole('district_admin'),
      query: ZStatsQuery,
      ...(csv ? { produces: 'text/csv' } : { response: ZStatsDto }),
      handler: async (ctx, { query }) => {
        const stats = await volunteeringStats({ query, now: deps.now() });
        if (csv)
          sendCsv(
            ctx,
            `district-stats-${stats.from}-${stats.to}`,
            `全区志愿服务统计-${stats.from}-${stats.to}`,
            statsCsv(stats),
          );
        else ctx.body = stats;
      },
    });
  const board = defineRoute<undefined, TBoardQuery>({
    method: 'get',
    path: '/api/volunteering/leaderboard',
    summary: '志愿服务时长排行：本月、本年或累计，全区或某团队，姓名脱敏',
    tags: ['volunteering'],
    policy: publicAccess,
    query: ZBoardQuery,
    response: ZBoardDto,
    handler: async (ctx, { query }) => {
      const board = await periodLeaderboard(query, deps.now());
      if (!board) throw fail('not_found', '团队不存在');
      ctx.body = board;
    },
  });
  return [teamStats(false), teamStats(true), districtStats(false), districtStats(true), board];
}
