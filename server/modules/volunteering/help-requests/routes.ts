import { Types } from 'mongoose';
import {
  ZActivityDraftEnvelope,
  ZHelpRequestChanged,
  ZHelpRequestDetailPage,
  ZHelpRequestPage,
  ZHelpRequestView,
  ZConvertHelpRequest,
  ZCreateHelpRequest,
  ZHelpIdParams,
  ZHelpListQuery,
  ZHelpReviewQuery,
  ZReviewHelpRequest,
  ZTakeHelpRequest,
  type TConvertHelpRequest,
  type TCreateHelpRequest,
  type THelpIdParams,
  type THelpListQuery,
  type THelpReviewQuery,
  type TReviewHelpRequest,
  type TTakeHelpRequest,
} from '@shared/schemas/volunteering/help-requests';
import type { TPagination } from '@shared/schemas/common';
import { ZPagination } from '@shared/schemas/common';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { member, publicAccess, signedIn } from '../../../http/policy';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { teamPolicy } from '../teams';
import { contentRiskyAnswer } from '../../content';
import { postHelpRequest } from './commands/post-help-request';
import { closeHelpRequest, reviewHelpRequest } from './commands/review-help-request';
import { convertHelpRequest, takeUpHelpRequest } from './commands/take-up-help-request';
import type { HelpRequestDoc } from './model';
import { withAbilities } from '../../../platform/policy';
import { helpRequestPolicy, isHelpReviewer, isPublicHelpRequest } from './policy';
import { presentActivityDraft, presentHelpRequest, presentHelpRequestDetail } from './presenter';
import { findHelpRequest, helpRequestPage as page } from './queries';

const NOT_FOUND = { code: 'not_found', message: '求助不存在' } as const;

async function load(id: string): Promise<HelpRequestDoc> {
  const r = await findHelpRequest(id);
  if (!r) throw fail(NOT_FOUND.code, NOT_FOUND.message);
  return r;
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TCreateHelpRequest>({
      method: 'post',
      path: '/api/help-requests',
      summary: '居民发布求助（类别、描述、地点、时间），经内容安全检测，审核通过后公开',
      tags: ['volunteering'],
      policy: member,
      response: ZHelpRequestChanged,
      body: ZCreateHelpRequest,
      handler: async (ctx, { body }) => {
        const r = await postHelpRequest(deps, ctx.state.actor!.userId, body);
        unlessRefused(r, {
          content_risky: contentRiskyAnswer,
          needed_in_past: { code: 'validation_failed', fields: [{ path: 'neededAt', message: '需要帮助的时间不能早于现在' }] },
          needed_too_late: {
            code: 'validation_failed',
            fields: [{ path: 'neededAt', message: '需要帮助的时间不能超过一年以后' }],
          },
        });
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, request: presentHelpRequestDetail(r.request) };
      },
    }),
    defineRoute<undefined, THelpListQuery>({
      method: 'get',
      path: '/api/help-requests',
      summary: '已公开的求助（不含求助人身份），可按类别筛选',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZHelpRequestPage,
      query: ZHelpListQuery,
      handler: async (ctx, { query }) => {
        const filter: Record<string, unknown> = { status: { $in: ['published', 'taken', 'converted'] } };
        if (query.category) filter.category = query.category;
        const { items, total } = await page(filter, query);
        const shown = await withAbilities(helpRequestPolicy, ctx.state.actor, items, presentHelpRequest);
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, TPagination>({
      method: 'get',
      path: '/api/me/help-requests',
      summary: '我发布的求助（含审核结果）',
      tags: ['volunteering'],
      policy: member,
      response: ZHelpRequestDetailPage,
      query: ZPagination,
      handler: async (ctx, { query }) => {
        const { items, total } = await page({ author: new Types.ObjectId(ctx.state.actor!.userId) }, query);
        const shown = await withAbilities(helpRequestPolicy, ctx.state.actor, items, presentHelpRequestDetail);
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, THelpReviewQuery>({
      method: 'get',
      path: '/api/admin/help-requests',
      summary: '求助审核队列（区级管理员、团队管理员），默认待审核',
      tags: ['volunteering', 'admin'],
      policy: signedIn,
      response: ZHelpRequestDetailPage,
      query: ZHelpReviewQuery,
      handler: async (ctx, { query }) => {
        if (!(await isHelpReviewer(ctx.state.actor))) throw fail('forbidden');
        const { items, total } = await page({ status: query.status }, query);
        const shown = await withAbilities(helpRequestPolicy, ctx.state.actor, items, presentHelpRequestDetail);
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, undefined, THelpIdParams>({
      method: 'get',
      path: '/api/help-requests/:id',
      summary: '求助详情：公开后所有人可见；之前仅求助人与审核人',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZHelpRequestView,
      params: ZHelpIdParams,
      handler: async (ctx, { params }) => {
        const r = await load(params.id);
        const actor = ctx.state.actor;
        const abilities = await helpRequestPolicy.abilities(actor, r);
        if (abilities.viewDetail) ctx.body = { ...presentHelpRequestDetail(r), abilities };
        else if (isPublicHelpRequest(r)) ctx.body = { ...presentHelpRequest(r), abilities };
        else throw fail('not_found', '求助不存在');
      },
    }),
    defineRoute<TReviewHelpRequest, undefined, THelpIdParams>({
      method: 'post',
      path: '/api/help-requests/:id/review',
      summary: '审核求助（区级管理员、团队管理员）：通过后公开，驳回需填写原因；记入审计并通知求助人',
      tags: ['volunteering', 'admin'],
      policy: signedIn,
      response: ZHelpRequestChanged,
      params: ZHelpIdParams,
      body: ZReviewHelpRequest,
      handler: async (ctx, { params, body }) => {
        await helpRequestPolicy.authorize(ctx.state.actor, 'review', await load(params.id));
        const r = await reviewHelpRequest(deps, {
          id: params.id,
          actor: ctx.state.actor!,
          body,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, { not_found: NOT_FOUND, not_pending: 'help_request_state_invalid' });
        ctx.body = { outcome: r.outcome, request: presentHelpRequestDetail(r.request) };
      },
    }),
    defineRoute<TTakeHelpRequest, undefined, THelpIdParams>({
      method: 'post',
      path: '/api/help-requests/:id/take',
      summary: '团队响应求助（该团队管理员）：仅一个团队能响应；返回活动草稿供发布',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZActivityDraftEnvelope,
      params: ZHelpIdParams,
      body: ZTakeHelpRequest,
      handler: async (ctx, { params, body }) => {
        await teamPolicy.authorize(ctx.state.actor, 'manage', { id: body.teamId });
        const r = await takeUpHelpRequest(deps, {
          id: params.id,
          teamId: body.teamId,
          actor: ctx.state.actor!,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, {
          team_not_found: { code: 'not_found', message: '团队不存在' },
          team_not_certified: 'team_not_certified',
          not_found: NOT_FOUND,
          not_open: { code: 'help_request_state_invalid', message: '该求助已被其他团队响应或已关闭' },
        });
        ctx.body = {
          outcome: r.outcome,
          request: presentHelpRequest(r.request),
          activityDraft: presentActivityDraft(r.request),
        };
      },
    }),
    defineRoute<TConvertHelpRequest, undefined, THelpIdParams>({
      method: 'post',
      path: '/api/help-requests/:id/convert',
      summary: '把已响应的求助关联到本团队发布的活动（该团队管理员）',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZHelpRequestChanged,
      params: ZHelpIdParams,
      body: ZConvertHelpRequest,
      handler: async (ctx, { params, body }) => {
        const request = await load(params.id);
        await helpRequestPolicy.authorize(ctx.state.actor, 'convert', request);
        const r = await convertHelpRequest(deps, {
          request,
          activityId: body.activityId,
          actor: ctx.state.actor!,
          requestId: ctx.state.requestId,
        });
        unlessRefused(r, {
          activity_not_found: { code: 'not_found', message: '活动不存在' },
          other_team: { code: 'forbidden', message: '只能关联本团队发布的活动' },
          not_taken: 'help_request_state_invalid',
        });
        ctx.body = { outcome: r.outcome, request: presentHelpRequest(r.request) };
      },
    }),
    defineRoute<undefined, undefined, THelpIdParams>({
      method: 'post',
      path: '/api/help-requests/:id/close',
      summary: '求助人关闭自己的求助（待审核或已公开时）',
      tags: ['volunteering'],
      policy: member,
      response: ZHelpRequestChanged,
      params: ZHelpIdParams,
      handler: async (ctx, { params }) => {
        const request = await load(params.id);
        await helpRequestPolicy.authorize(ctx.state.actor, 'close', request);
        const r = await closeHelpRequest(deps, request);
        unlessRefused(r, { not_open: 'help_request_state_invalid' });
        ctx.body = { outcome: r.outcome, request: presentHelpRequestDetail(r.request) };
      },
    }),
  ];
}
