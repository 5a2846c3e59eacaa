import {
  ZActivityCancelInput,
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
import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { member, publicAccess, signedIn } from '../../../http/policy';
import { fail } from '../../../http/errors';
import { expireOffers } from '../signups/commands/offers';
import { Signup, type SignupDoc } from '../signups/model';
import { presentSignup } from '../signups/presenter';
import { Volunteer, type VolunteerDoc } from '../volunteers/model';
import { cancelActivity, updateActivity } from './commands/change';
import { publishActivity } from './commands/publish';
import { checkActivityContent } from './content';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from './model';
import { activityPolicy } from './policy';
import { presentActivityDetail, presentActivitySummary } from './presenter';
import { invalidateActivityLists, listActivities, listNearbyCached, shiftsByActivity } from './queries';

async function loadActivity(id: string): Promise<ActivityDoc> {
  const a = await Activity.findById(id).lean<ActivityDoc>();
  if (!a) throw fail('not_found');
  return a;
}

/** Held or refused activities exist only for the team's admins and moderators. */
const isHidden = (a: ActivityDoc): boolean => a.status === 'under_review' || a.status === 'rejected';

/** Activities with their shifts, for the team's and the moderators' lists. */
async function presentWithReview(items: ActivityDoc[]) {
  const shifts = await shiftsByActivity(items.map((a) => a._id));
  return items.map((a) => presentActivityDetail(a, shifts.get(String(a._id)) ?? [], true));
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
        const content = await checkActivityContent(deps, actor.userId, body.teamId, body);
        const r = await publishActivity(deps, actor.userId, body, content);
        if (r.outcome === 'team_not_found') throw fail('not_found');
        if (r.outcome === 'team_not_certified') throw fail('team_not_certified');
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
      query: ZActivityListQuery,
      // Only "suitable for me" depends on who asks; other lists skip the token lookup.
      authenticateWhen: ({ query }) => query.suitable === true,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor;
        const nearby =
          !query.suitable && query.lng !== undefined && query.lat !== undefined
            ? await listNearbyCached({ ...query, lng: query.lng, lat: query.lat }, deps.now())
            : null;
        if (nearby !== null) {
          ctx.type = 'application/json';
          ctx.body = nearby;
          return;
        }
        const volunteer =
          query.suitable && actor ? await Volunteer.findOne({ user: actor.userId }).lean<VolunteerDoc>() : null;
        const { items, hasMore } = await listActivities(query, deps.now(), volunteer);
        const shifts = await shiftsByActivity(items.map((a) => a._id));
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
        const actor = ctx.state.actor;
        const canManage = await activityPolicy.canManage(actor, a);
        if (isHidden(a) && !canManage) throw fail('not_found');
        await expireOffers(deps, { activity: a._id }).catch((err) => deps.logger.warn({ err }, 'lazy offer expiry failed'));
        const shifts = await Shift.find({ activity: a._id }).lean<ShiftDoc[]>();
        const mine = actor
          ? await Signup.find({ activity: a._id, user: actor.userId }).sort({ createdAt: -1 }).lean<SignupDoc[]>()
          : [];
        ctx.body = {
          activity: presentActivityDetail(a, shifts, canManage),
          mySignups: mine.map((s) => presentSignup(s, a, null)),
          canManage,
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
        const content = await checkActivityContent(deps, ctx.state.actor!.userId, a.team, {
          title: body.title,
          description: body.description,
          coverUrl: body.coverUrl !== undefined && body.coverUrl !== a.coverUrl ? body.coverUrl : undefined,
        });
        const r = await updateActivity(deps, ctx.state.actor!, a, body, ctx.state.requestId, content);
        if (r.outcome === 'not_open') throw fail('activity_not_open');
        const shifts = await Shift.find({ activity: a._id }).lean<ShiftDoc[]>();
        ctx.body = { outcome: r.outcome, activity: presentActivityDetail(r.activity, shifts, true) };
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
        ctx.body = { activity: presentActivityDetail(r.activity, shifts, true), released: r.released };
      },
    }),
    defineRoute<undefined, TActivityModerationQuery, TTeamParams>({
      method: 'get',
      path: '/api/teams/:id/activities',
      summary: '本团队的全部活动（团队管理员）：含审核中、未通过审核与待审核的修改',
      tags: ['volunteering'],
      policy: signedIn,
      params: ZTeamParams,
      query: ZActivityModerationQuery,
      handler: async (ctx, { params, query }) => {
        if (!(await activityPolicy.canPublishFor(ctx.state.actor, params.id))) throw fail('forbidden');
        const filter = { team: new Types.ObjectId(params.id) };
        const [items, total] = await Promise.all([
          Activity.find(filter).sort({ startsAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<ActivityDoc[]>(),
          Activity.countDocuments(filter),
        ]);
        ctx.body = { items: await presentWithReview(items), total, page: query.page, pageSize: query.pageSize };
      },
    }),
  ]);
}
