import {
  ZActivityCancelInput,
  ZActivityCancelled,
  ZActivityChanged,
  ZActivityDetailsPage,
  ZActivityList,
  ZActivityView,
  ZActivityCreateInput,
  ZActivityListQuery,
  ZActivityModerationQuery,
  ZActivityParams,
  ZActivityUpdateInput,
  type TActivityCancelInput,
  type TActivityCreateInput,
  type TActivityListQuery,
  type TActivityModerationQuery,
  type TActivityParams,
  type TActivityUpdateInput,
} from '@shared/schemas/volunteering/activities';
import { ZTeamParams, type TTeamParams } from '@shared/schemas/volunteering/teams';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { member, publicAccess, signedIn } from '../../../http/policy';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { bookings } from './bookings';
import { findVolunteerByUser } from '../volunteers';
import { cancelActivity, updateActivity } from './commands/change';
import { publishActivity } from './commands/publish';
import { checkActivityContent } from './content';
import { contentRiskyAnswer } from '../../content';
import type { ActivityDoc } from './model';
import { teamPolicy } from '../teams';
import { activityPolicy } from './policy';
import { presentActivityDetail } from './presenter';
import {
  activityWithMySignups,
  findActivity,
  invalidateActivityLists,
  listActivities,
  listNearbyCached,
  presentListPage,
  shiftsOf,
  teamActivities,
} from './queries';

async function loadActivity(id: string): Promise<ActivityDoc> {
  const a = await findActivity(id);
  if (!a) throw fail('not_found');
  return a;
}

/** Publishing, editing and cancelling change what lists show: they clear the cached lists once done. */
function clearingListsAfterWrites(specs: RouteSpec[]): RouteSpec[] {
  return specs.map((spec) =>
    spec.method === 'get'
      ? spec
      : {
          ...spec,
          handler: async (ctx, input) => {
            try {
              await spec.handler(ctx, input);
            } finally {
              invalidateActivityLists();
            }
          },
        },
  );
}

export function routes(deps: AppDeps): RouteSpec[] {
  return clearingListsAfterWrites([
    defineRoute<TActivityCreateInput>({
      method: 'post',
      path: '/api/activities',
      summary: '发布志愿活动（已认证团队的管理员）：班次、名额、截止时间、签到范围、是否需审核',
      tags: ['volunteering'],
      policy: member,
      response: ZActivityChanged,
      body: ZActivityCreateInput,
      handler: async (ctx, { body }) => {
        const actor = ctx.state.actor!;
        await teamPolicy.authorize(actor, 'publishActivity', { id: body.teamId });
        const content = await checkActivityContent(deps, actor.userId, body.teamId, body);
        unlessRefused(content, { content_risky: contentRiskyAnswer });
        const r = await publishActivity(deps, actor.userId, body, content);
        unlessRefused(r, {
          team_not_found: 'not_found',
          team_not_certified: 'team_not_certified',
          invalid: (v) => ({ code: 'validation_failed', fields: v.fields }),
        });
        // 202: held for a district admin; the team sees it 审核中.
        ctx.status = r.outcome === 'published' ? 201 : 202;
        ctx.body = { outcome: r.outcome, activity: presentActivityDetail(r.activity, r.shifts, true) };
      },
    }),
    defineRoute<undefined, TActivityListQuery>({
      method: 'get',
      path: '/api/activities',
      summary: '发现活动：附近（lng/lat，由近及远）、按日期、类别、团队，suitable=true 为“适合我”',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZActivityList,
      query: ZActivityListQuery,
      // Only "suitable for me" depends on who asks; other lists skip the token lookup.
      authenticateWhen: ({ query }) => query.suitable === true,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor;
        const nearby =
          !query.suitable && !query.q && query.lng !== undefined && query.lat !== undefined
            ? await listNearbyCached({ ...query, lng: query.lng, lat: query.lat }, deps.now())
            : null;
        if (nearby !== null) {
          ctx.type = 'application/json';
          ctx.body = nearby;
          return;
        }
        const volunteer = query.suitable && actor ? await findVolunteerByUser(actor.userId) : null;
        const { items, hasMore } = await listActivities(query, deps.now(), volunteer);
        ctx.body = await presentListPage(items, hasMore, query);
      },
    }),
    defineRoute<undefined, undefined, TActivityParams>({
      method: 'get',
      path: '/api/activities/:id',
      summary: '活动详情：班次与余量、分享路径；登录时附带我在本活动的报名',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZActivityView,
      params: ZActivityParams,
      handler: async (ctx, { params }) => {
        const a = await loadActivity(params.id);
        const actor = ctx.state.actor;
        const abilities = await activityPolicy.abilities(actor, a);
        if (!abilities.view) throw fail('not_found');
        await bookings().expireOffers(deps, a._id).catch((err) => deps.logger.warn({ err }, 'lazy offer expiry failed'));
        const view = await activityWithMySignups(a, actor?.userId ?? null, abilities.manage);
        ctx.body = { ...view, activity: { ...view.activity, abilities } };
      },
    }),
    defineRoute<TActivityUpdateInput, undefined, TActivityParams>({
      method: 'patch',
      path: '/api/activities/:id',
      summary: '编辑活动（团队管理员）：修改信息、调整名额、增加班次；通知所有报名者',
      tags: ['volunteering'],
      policy: member,
      response: ZActivityChanged,
      params: ZActivityParams,
      body: ZActivityUpdateInput,
      handler: async (ctx, { params, body }) => {
        const a = await loadActivity(params.id);
        await activityPolicy.authorize(ctx.state.actor, 'update', a);
        const content = await checkActivityContent(deps, ctx.state.actor!.userId, a.team, {
          title: body.title,
          description: body.description,
          coverUrl: body.coverUrl !== undefined && body.coverUrl !== a.coverUrl ? body.coverUrl : undefined,
        });
        unlessRefused(content, { content_risky: contentRiskyAnswer });
        const r = await updateActivity(deps, ctx.state.actor!, a, body, ctx.state.requestId, content);
        unlessRefused(r, {
          not_open: 'activity_not_open',
          invalid: (v) => ({ code: 'validation_failed', fields: v.fields }),
          capacity_below_taken: {
            code: 'capacity_below_taken',
            fields: [{ path: 'capacities', message: '名额不能少于已占用的名额' }],
          },
        });
        ctx.body = { outcome: r.outcome, activity: presentActivityDetail(r.activity, await shiftsOf(a._id), true) };
      },
    }),
    defineRoute<TActivityCancelInput, undefined, TActivityParams>({
      method: 'post',
      path: '/api/activities/:id/cancel',
      summary: '取消活动（团队管理员，需理由）：释放并通知所有报名者',
      tags: ['volunteering'],
      policy: member,
      response: ZActivityCancelled,
      params: ZActivityParams,
      body: ZActivityCancelInput,
      handler: async (ctx, { params, body }) => {
        const a = await loadActivity(params.id);
        await activityPolicy.authorize(ctx.state.actor, 'cancel', a);
        const r = await cancelActivity(deps, ctx.state.actor!, a, body.reason, ctx.state.requestId);
        unlessRefused(r, { not_open: 'activity_not_open' });
        ctx.body = { activity: presentActivityDetail(r.activity, await shiftsOf(a._id), true), released: r.released };
      },
    }),
    defineRoute<undefined, TActivityModerationQuery, TTeamParams>({
      method: 'get',
      path: '/api/teams/:id/activities',
      summary: '本团队的全部活动（团队管理员）：含审核中、未通过审核与待审核的修改',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZActivityDetailsPage,
      params: ZTeamParams,
      query: ZActivityModerationQuery,
      handler: async (ctx, { params, query }) => {
        await teamPolicy.authorize(ctx.state.actor, 'publishActivity', { id: params.id });
        ctx.body = await teamActivities(params.id, query);
      },
    }),
  ]);
}
