import {
  ZActivityCancelInput,
  ZActivityCreateInput,
  ZActivityListQuery,
  ZActivityParams,
  ZActivityUpdateInput,
  type TActivityCancelInput,
  type TActivityCreateInput,
  type TActivityListQuery,
  type TActivityParams,
  type TActivityUpdateInput,
} from '@shared/schemas/volunteering/activities';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { member, publicAccess } from '../../../http/policy';
import { fail } from '../../../http/errors';
import { expireOffers } from '../signups/commands/offers';
import { Signup, type SignupDoc } from '../signups/model';
import { presentSignup } from '../signups/presenter';
import { Volunteer, type VolunteerDoc } from '../volunteers/model';
import { cancelActivity, updateActivity } from './commands/change';
import { publishActivity } from './commands/publish';
import { ensureTextAllowed } from './content';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from './model';
import { activityPolicy } from './policy';
import { presentActivityDetail, presentActivitySummary } from './presenter';
import { invalidateActivityLists, listActivities, listNearbyCached, shiftsByActivity } from './queries';

async function loadActivity(id: string): Promise<ActivityDoc> {
  const a = await Activity.findById(id).lean<ActivityDoc>();
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
      body: ZActivityCreateInput,
      handler: async (ctx, { body }) => {
        const actor = ctx.state.actor!;
        if (!(await activityPolicy.canPublishFor(actor, body.teamId))) throw fail('forbidden');
        await ensureTextAllowed(deps, actor.userId, [
          { path: 'title', text: body.title },
          { path: 'description', text: body.description },
        ]);
        const r = await publishActivity(deps, actor.userId, body);
        if (r.outcome === 'team_not_found') throw fail('not_found');
        if (r.outcome === 'team_not_certified') throw fail('team_not_certified');
        ctx.status = 201;
        ctx.body = { activity: presentActivityDetail(r.activity, r.shifts) };
      },
    }),
    defineRoute<undefined, TActivityListQuery>({
      method: 'get',
      path: '/api/activities',
      summary: '发现活动：附近（lng/lat，由近及远）、按日期、类别、团队，suitable=true 为“适合我”',
      tags: ['volunteering'],
      policy: publicAccess,
      query: ZActivityListQuery,
      // Only "suitable for me" depends on who asks; other lists skip the token lookup.
      authenticateWhen: ({ query }) => query.suitable === true,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor;
        const nearby =
          !query.suitable && query.lng !== undefined && query.lat !== undefined
            ? await listNearbyCached({ ...query, lng: query.lng, lat: query.lat }, deps.now())
            : null;
        const volunteer =
          !nearby && query.suitable && actor ? await Volunteer.findOne({ user: actor.userId }).lean<VolunteerDoc>() : null;
        const { items, hasMore } = nearby ?? (await listActivities(query, deps.now(), volunteer));
        const shifts = nearby?.shifts ?? (await shiftsByActivity(items.map((a) => a._id)));
        ctx.body = {
          items: items.map((a) => presentActivitySummary(a, shifts.get(String(a._id)) ?? [], a.distanceM)),
          hasMore,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<undefined, undefined, TActivityParams>({
      method: 'get',
      path: '/api/activities/:id',
      summary: '活动详情：班次与余量、分享路径；登录时附带我在本活动的报名',
      tags: ['volunteering'],
      policy: publicAccess,
      params: ZActivityParams,
      handler: async (ctx, { params }) => {
        const a = await loadActivity(params.id);
        await expireOffers(deps, { activity: a._id }).catch((err) => deps.logger.warn({ err }, 'lazy offer expiry failed'));
        const shifts = await Shift.find({ activity: a._id }).lean<ShiftDoc[]>();
        const actor = ctx.state.actor;
        const mine = actor
          ? await Signup.find({ activity: a._id, user: actor.userId }).sort({ createdAt: -1 }).lean<SignupDoc[]>()
          : [];
        ctx.body = {
          activity: presentActivityDetail(a, shifts),
          mySignups: mine.map((s) => presentSignup(s, a, null)),
          canManage: await activityPolicy.canManage(actor, a),
        };
      },
    }),
    defineRoute<TActivityUpdateInput, undefined, TActivityParams>({
      method: 'patch',
      path: '/api/activities/:id',
      summary: '编辑活动（团队管理员）：修改信息、调整名额、增加班次；通知所有报名者',
      tags: ['volunteering'],
      policy: member,
      params: ZActivityParams,
      body: ZActivityUpdateInput,
      handler: async (ctx, { params, body }) => {
        const a = await loadActivity(params.id);
        if (!(await activityPolicy.canManage(ctx.state.actor, a))) throw fail('forbidden');
        await ensureTextAllowed(deps, ctx.state.actor!.userId, [
          { path: 'title', text: body.title },
          { path: 'description', text: body.description },
        ]);
        const r = await updateActivity(deps, ctx.state.actor!, a, body, ctx.state.requestId);
        if (r.outcome === 'not_open') throw fail('activity_not_open');
        const shifts = await Shift.find({ activity: a._id }).lean<ShiftDoc[]>();
        ctx.body = { activity: presentActivityDetail(r.activity, shifts) };
      },
    }),
    defineRoute<TActivityCancelInput, undefined, TActivityParams>({
      method: 'post',
      path: '/api/activities/:id/cancel',
      summary: '取消活动（团队管理员，需理由）：释放并通知所有报名者',
      tags: ['volunteering'],
      policy: member,
      params: ZActivityParams,
      body: ZActivityCancelInput,
      handler: async (ctx, { params, body }) => {
        const a = await loadActivity(params.id);
        if (!(await activityPolicy.canManage(ctx.state.actor, a))) throw fail('forbidden');
        const r = await cancelActivity(deps, ctx.state.actor!, a, body.reason, ctx.state.requestId);
        if (r.outcome === 'not_open') throw fail('activity_not_open');
        const shifts = await Shift.find({ activity: a._id }).lean<ShiftDoc[]>();
        ctx.body = { activity: presentActivityDetail(r.activity, shifts), released: r.released };
      },
    }),
  ]);
}
