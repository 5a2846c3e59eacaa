import { Types } from 'mongoose';
import { z } from 'zod';
import { ZActionParams, ZReportActionBody, ZReportChanged, ZReportDetailPage, ZStaffQueueQuery, type TReportActionBody, type TStaffQueueQuery } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../deps';
import { hasRole } from '../../http/actor';
import { anyRole } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { actOnReport } from './commands/act';
import { reportPolicy } from './policy';
import { departmentsOfHandler, findReport, reportPage } from './queries';
import { detailFor, loadResource, REPORT_NOT_FOUND } from './view';

const staff = anyRole('dispatcher', 'handler', 'district_admin');
const FINISHED = ['resolved', 'closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'];

export function staffRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TStaffQueueQuery>({
      method: 'get',
      path: '/api/staff/reports',
      summary: '工作人员工单队列：dispatch 待受理/待派遣，mine 我的任务，department 本部门，overdue 超时督办，all 全部',
      tags: ['reports'],
      policy: staff,
      response: ZReportDetailPage,
      query: ZStaffQueueQuery,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor!;
        const me = new Types.ObjectId(actor.userId);
        const dispatcher = hasRole(actor, 'dispatcher') || hasRole(actor, 'district_admin');
        let filter: Record<string, unknown>;
        if (query.queue === 'mine') filter = { handler: me, status: { $in: ['dispatched', 'in_progress'] } };
        else if (query.queue === 'department') {
          const depts = (await departmentsOfHandler(actor.userId)).map((d) => d._id);
          filter = { department: { $in: depts }, status: { $in: ['dispatched', 'in_progress'] } };
        } else if (!dispatcher) filter = { _id: null };
        else if (query.queue === 'dispatch') filter = { status: { $in: ['submitted', 'accepted', 'transferred', 'reopened'] } };
        else if (query.queue === 'overdue') filter = { 'sla.nextDueAt': { $lt: deps.now() }, status: { $nin: FINISHED } };
        else filter = {};
        const { items, total } = await reportPage(filter, query);
        const now = deps.now();
        ctx.body = { items: await Promise.all(items.map((r) => detailFor(r, actor, now))), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<TReportActionBody, undefined, z.infer<typeof ZActionParams>>({
      method: 'post',
      path: '/api/staff/reports/:id/:action',
      summary:
        '工单操作：accept 受理、dispatch 派遣、reject 不予受理、mark_duplicate 标记重复、take 签收、arrive 到场签到、update 进展、transfer 退回改派、resolve 处置完成、close_not_fixed 办结未解决、reopen 重新打开；每步有允许的角色并记入历史与审计',
      tags: ['reports'],
      policy: staff,
      response: ZReportChanged,
      params: ZActionParams,
      body: ZReportActionBody,
      handler: async (ctx, { params, body }) => {
        const r = await loadResource(params.id);
        await reportPolicy.authorize(ctx.state.actor, params.action, r, '您的角色不能进行此操作');
        const res = await actOnReport(deps, { id: params.id, action: params.action, actor: ctx.state.actor!, body, requestId: ctx.state.requestId });
        unlessRefused(res, {
          not_found: REPORT_NOT_FOUND,
          wrong_state: 'report_state_invalid',
          photo_invalid: { code: 'report_photo_invalid', field: 'photoIds' },
          duplicate_target_invalid: { code: 'validation_failed', fields: [{ path: 'duplicateOfId', message: '原工单不存在或已办结' }] },
          missing: (x) => ({ code: 'validation_failed', fields: [{ path: x.path, message: x.message }] }),
          department_invalid: (x) => ({ code: 'validation_failed', fields: [{ path: x.path, message: x.message }] }),
        });
        const fresh = (await findReport(params.id))!;
        ctx.body = { outcome: res.outcome, report: await detailFor(fresh, ctx.state.actor, deps.now()) };
      },
    }),
  ];
}
