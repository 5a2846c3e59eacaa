import { Types } from 'mongoose';
import { z } from 'zod';
import {
  ZActivityIdParams,
  ZAdjustResult,
  ZBulkResultDto,
  ZHoursEntryEnvelope,
  ZHoursTotalsDto,
  ZLeaderboard,
  ZReconcileReportDto,
  ZHoursPage,
  ZAdjustEntryBody,
  ZBulkEntriesBody,
  ZEntryIdParams,
  ZLeaderboardQuery,
  ZMyHoursQuery,
  ZRejectEntriesBody,
  ZSelfReportBody,
  ZTeamHoursQuery,
  ZTeamIdParams,
  type TAdjustEntryBody,
  type TBulkEntriesBody,
  type TLeaderboardQuery,
  type TRejectEntriesBody,
  type TSelfReportBody,
  type TTeamHoursQuery,
} from '@shared/schemas/volunteering/hours';
import type { TPagination } from '@shared/schemas/common';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { anyRole, member, publicAccess, signedIn } from '../../../http/policy';
import { defineRoute, type LinliContext, type RouteSpec } from '../../../http/route';
import { autoCheckout } from '../attendance';
import { teamPolicy } from '../teams';
import { adjustHoursEntry } from './commands/adjust-entry';
import { decideHoursEntries } from './commands/decide-entries';
import { fixHoursTotals, reconcileHours } from './commands/reconcile-hours';
import { selfReportHours } from './commands/self-report';
import { presentHoursEntry, presentLeaderboardRow, presentTotals } from './presenter';
import { findEntry, leaderboard, myHours, teamHours, totalsFor } from './queries';

type TTeamIdParams = z.infer<typeof ZTeamIdParams>;
type TEntryIdParams = z.infer<typeof ZEntryIdParams>;
type TActivityIdParams = z.infer<typeof ZActivityIdParams>;
const ZReconcileQuery = z.strictObject({
  fix: z.enum(['true', 'false'], { error: 'fix 只能是 true 或 false' }).default('false'),
});

async function requireTeamAdmin(ctx: LinliContext, teamId: Types.ObjectId | string): Promise<void> {
  await teamPolicy.authorize(ctx.state.actor, 'confirmHours', { id: teamId });
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TSelfReportBody, undefined, TActivityIdParams>({
      method: 'post',
      path: '/api/activities/:activityId/hours/self-report',
      summary: '自行申报服务时长（仅限无需现场签到的活动），待团队审核',
      tags: ['volunteering'],
      policy: member,
      response: ZHoursEntryEnvelope,
      params: ZActivityIdParams,
      body: ZSelfReportBody,
      handler: async (ctx, { params, body }) => {
        const r = await selfReportHours({
          userId: ctx.state.actor!.userId,
          activityId: params.activityId,
          body,
          now: deps.now(),
          deps,
        });
        unlessRefused(r, {
          not_found: { code: 'not_found', message: '活动不存在' },
          checkin_required: 'self_report_not_allowed',
          activity_cancelled: 'activity_not_open',
          not_signed_up: 'checkin_not_signed_up',
          not_started: { code: 'checkin_closed', message: '班次尚未开始，开始后才能申报时长' },
          already_reported: 'hours_already_reported',
        });
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, entry: presentHoursEntry(r.entry) };
      },
    }),
    defineRoute<undefined, TPagination>({
      method: 'get',
      path: '/api/me/hours',
      summary: '我的服务时长：已确认与待确认合计、流水（最新在前）',
      tags: ['volunteering'],
      policy: member,
      response: ZHoursPage,
      query: ZMyHoursQuery,
      handler: async (ctx, { query }) => {
        const userId = ctx.state.actor!.userId;
        await autoCheckout(deps, deps.now(), { user: new Types.ObjectId(userId) });
        ctx.body = await myHours(userId, query);
      },
    }),
    defineRoute<undefined, TTeamHoursQuery, TTeamIdParams>({
      method: 'get',
      path: '/api/teams/:teamId/hours',
      summary: '团队服务时长流水（团队管理员）：按状态、活动筛选，用于批量确认',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZHoursPage,
      params: ZTeamIdParams,
      query: ZTeamHoursQuery,
      handler: async (ctx, { params, query }) => {
        await requireTeamAdmin(ctx, params.teamId);
        await autoCheckout(deps, deps.now(), { team: new Types.ObjectId(params.teamId) });
        ctx.body = await teamHours(params.teamId, query);
      },
    }),
    defineRoute<TBulkEntriesBody, undefined, TTeamIdParams>({
      method: 'post',
      path: '/api/teams/:teamId/hours/confirm',
      summary: '批量确认服务时长（团队管理员）：逐条返回结果，重复提交不会重复计入',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZBulkResultDto,
      params: ZTeamIdParams,
      body: ZBulkEntriesBody,
      handler: async (ctx, { params, body }) => {
        await requireTeamAdmin(ctx, params.teamId);
        ctx.body = await decideHoursEntries({
          teamId: params.teamId,
          entryIds: body.entryIds,
          decision: 'confirmed',
          actor: ctx.state.actor!,
          at: deps.now(),
          requestId: ctx.state.requestId,
          deps,
        });
      },
    }),
    defineRoute<TRejectEntriesBody, undefined, TTeamIdParams>({
      method: 'post',
      path: '/api/teams/:teamId/hours/reject',
      summary: '批量驳回服务时长（团队管理员，需填写原因）',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZBulkResultDto,
      params: ZTeamIdParams,
      body: ZRejectEntriesBody,
      handler: async (ctx, { params, body }) => {
        await requireTeamAdmin(ctx, params.teamId);
        ctx.body = await decideHoursEntries({
          teamId: params.teamId,
          entryIds: body.entryIds,
          decision: 'rejected',
          reason: body.reason,
          actor: ctx.state.actor!,
          at: deps.now(),
          requestId: ctx.state.requestId,
          deps,
        });
      },
    }),
    defineRoute<TAdjustEntryBody, undefined, TEntryIdParams>({
      method: 'post',
      path: '/api/hours/:entryId/adjust',
      summary: '调整已确认的服务时长（团队管理员，需填写原因，记入审计）：追加差额记录，原记录不变',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZAdjustResult,
      params: ZEntryIdParams,
      body: ZAdjustEntryBody,
      handler: async (ctx, { params, body }) => {
        const entry = await findEntry(params.entryId);
        if (!entry) throw fail('not_found', '时长记录不存在');
        await requireTeamAdmin(ctx, entry.team);
        const r = await adjustHoursEntry({
          entry,
          minutes: body.minutes,
          reason: body.reason,
          actor: ctx.state.actor!,
          at: deps.now(),
          requestId: ctx.state.requestId,
          deps,
        });
        unlessRefused(r, { not_confirmed: 'hours_not_confirmed', concurrent_adjustment: 'conflict' });
        ctx.body =
          r.outcome === 'adjusted'
            ? { outcome: r.outcome, before: r.before, after: r.after, adjustment: presentHoursEntry(r.adjustment) }
            : { outcome: r.outcome, before: r.before, after: r.before, adjustment: null };
      },
    }),
    defineRoute<undefined, undefined, TTeamIdParams>({
      method: 'get',
      path: '/api/teams/:teamId/hours/summary',
      summary: '团队累计服务时长（公开）',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZHoursTotalsDto,
      params: ZTeamIdParams,
      handler: async (ctx, { params }) => {
        ctx.body = presentTotals(await totalsFor('team', params.teamId, null));
      },
    }),
    defineRoute<undefined, TLeaderboardQuery>({
      method: 'get',
      path: '/api/hours/leaderboard',
      summary: '服务时长排行（全区或某团队），按已确认时长，姓名脱敏',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZLeaderboard,
      query: ZLeaderboardQuery,
      handler: async (ctx, { query }) => {
        const rows = await leaderboard({ teamId: query.teamId, limit: query.limit });
        ctx.body = { items: rows.map(presentLeaderboardRow) };
      },
    }),
    defineRoute<undefined, { fix: 'true' | 'false' }>({
      method: 'post',
      path: '/api/admin/hours/reconcile',
      summary: '核对服务时长合计与流水（区级管理员）；fix=true 时按流水修正',
      tags: ['admin', 'volunteering'],
      policy: anyRole('district_admin'),
      response: ZReconcileReportDto,
      query: ZReconcileQuery,
      handler: async (ctx, { query }) => {
        const report =
          query.fix === 'true'
            ? await fixHoursTotals(deps, ctx.state.actor!, ctx.state.requestId)
            : await reconcileHours({ fix: false });
        ctx.body = report;
      },
    }),
  ];
}
