import { Types } from 'mongoose';
import {
  ZApplicantsQuery,
  ZMySignupsQuery,
  ZShiftParams,
  ZSignupDecisionInput,
  ZSignupInput,
  ZSignupParams,
  type TApplicantsQuery,
  type TMySignupsQuery,
  type TShiftParams,
  type TSignupDecisionInput,
  type TSignupInput,
  type TSignupParams,
} from '@shared/schemas/volunteering/signups';
import { ZActivityParams, type TActivityParams } from '@shared/schemas/volunteering/activities';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { member } from '../../../http/policy';
import { AppError, fail } from '../../../http/errors';
import { ensureTextAllowed } from '../activities/content';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from '../activities/model';
import { teamPolicy } from '../teams/policy';
import { Volunteer, type VolunteerDoc } from '../volunteers/model';
import { presentApplicantSummary } from '../volunteers/presenter';
import { cancelSignup } from './commands/cancel';
import { decideSignup } from './commands/decide';
import { acceptOffer, expireOffers } from './commands/offers';
import { signupForShift } from './commands/signup';
import { markNoShows } from './commands/sweeps';
import { Signup, type SignupDoc } from './model';
import { signupPolicy } from './policy';
import { presentApplicant, presentSignup } from './presenter';

const SIGNUP_REFUSALS = {
  not_found: 'not_found',
  not_volunteer: 'volunteer_required',
  activity_not_open: 'activity_not_open',
  closed: 'signup_closed',
  already_signed_up: 'already_signed_up',
  overlap: 'shift_overlap',
} as const;

async function activitiesById(ids: Types.ObjectId[]): Promise<Map<string, ActivityDoc>> {
  const rows = await Activity.find({ _id: { $in: ids } }, { title: 1, address: 1 }).lean<ActivityDoc[]>();
  return new Map(rows.map((a) => [String(a._id), a]));
}

async function aheadOf(s: SignupDoc): Promise<number | null> {
  if (s.status !== 'waitlisted' || s.waitPos === undefined) return null;
  return Signup.countDocuments({ shift: s.shift, status: 'waitlisted', waitPos: { $lt: s.waitPos } });
}

async function loadSignup(id: string): Promise<SignupDoc> {
  const s = await Signup.findById(id).lean<SignupDoc>();
  if (!s) throw fail('not_found');
  return s;
}

/** Body of every single-signup answer: the named outcome and the presented signup. */
async function outcomeBody(outcome: string, signup: SignupDoc) {
  const activity = await Activity.findById(signup.activity, { title: 1, address: 1 }).lean<ActivityDoc>();
  return { outcome, signup: presentSignup(signup, activity, null) };
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TSignupInput, undefined, TShiftParams>({
      method: 'post',
      path: '/api/shifts/:id/signups',
      summary: '报名班次：outcome = confirmed | pending_approval | waitlisted | offered；时间冲突、已截止等返回 409',
      tags: ['volunteering'],
      policy: member,
      params: ZShiftParams,
      body: ZSignupInput,
      handler: async (ctx, { params, body }) => {
        // The note goes to the organisers: risky text is refused (422 content_risky at `note`)
        // before anything is written; text WeChat wants reviewed is kept but not shown to them.
        const noteCheck = body.note?.trim()
          ? await ensureTextAllowed(deps, ctx.state.actor!.userId, [{ path: 'note', text: body.note }], 'comment')
          : 'pass';
        const r = await signupForShift(deps, ctx.state.actor!.userId, params.id, { ...body, noteHeld: noteCheck === 'review' });
        if (!('signup' in r)) throw fail(SIGNUP_REFUSALS[r.outcome]);
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, signup: presentSignup(r.signup, r.activity, r.ahead) };
      },
    }),
    defineRoute<undefined, TMySignupsQuery>({
      method: 'get',
      path: '/api/volunteers/me/signups',
      summary: '我的报名：upcoming（未开始）/ past / all；候补显示前面还有几人，候补名额显示确认截止时间',
      tags: ['volunteering'],
      policy: member,
      query: ZMySignupsQuery,
      handler: async (ctx, { query }) => {
        const user = new Types.ObjectId(ctx.state.actor!.userId);
        await expireOffers(deps, { user });
        const now = deps.now();
        const filter =
          query.scope === 'upcoming'
            ? { user, end: { $gt: now } }
            : query.scope === 'past'
              ? { user, end: { $lte: now } }
              : { user };
        const [rows, total] = await Promise.all([
          Signup.find(filter)
            .sort({ start: query.scope === 'upcoming' ? 1 : -1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean<SignupDoc[]>(),
          Signup.countDocuments(filter),
        ]);
        const activities = await activitiesById(rows.map((s) => s.activity));
        const items = [];
        for (const s of rows) items.push(presentSignup(s, activities.get(String(s.activity)) ?? null, await aheadOf(s)));
        ctx.body = { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/cancel',
      summary: '取消报名：取消截止前为 cancelled，之后（开始前）为 late_cancelled 并计入失约记录',
      tags: ['volunteering'],
      policy: member,
      params: ZSignupParams,
      handler: async (ctx, { params }) => {
        const s = await loadSignup(params.id);
        if (!signupPolicy.isOwner(ctx.state.actor, s)) throw fail('forbidden');
        const r = await cancelSignup(deps, ctx.state.actor!.userId, params.id);
        if (r.outcome === 'not_found') throw fail('not_found');
        if (r.outcome === 'not_active') throw fail('signup_state_invalid');
        if (r.outcome === 'too_late') throw fail('cancel_closed');
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/accept-offer',
      summary: '确认候补名额（在保留时间内）：outcome = confirmed | pending_approval',
      tags: ['volunteering'],
      policy: member,
      params: ZSignupParams,
      handler: async (ctx, { params }) => {
        const s = await loadSignup(params.id);
        if (!signupPolicy.isOwner(ctx.state.actor, s)) throw fail('forbidden');
        const r = await acceptOffer(deps, ctx.state.actor!.userId, params.id);
        if (r.outcome === 'not_found') throw fail('not_found');
        if (r.outcome === 'expired') throw fail('offer_expired');
        if (r.outcome === 'not_offered') throw fail('signup_state_invalid');
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, TApplicantsQuery, TActivityParams>({
      method: 'get',
      path: '/api/activities/:id/signups',
      summary: '活动报名者（团队管理员）：含志愿时长、参与次数、失约分数，可按状态与班次筛选',
      tags: ['volunteering'],
      policy: member,
      params: ZActivityParams,
      query: ZApplicantsQuery,
      handler: async (ctx, { params, query }) => {
        const activity = await Activity.findById(params.id).lean<ActivityDoc>();
        if (!activity) throw fail('not_found');
        if (!(await teamPolicy.canManage(ctx.state.actor, activity.team))) throw fail('forbidden');
        await expireOffers(deps, { activity: activity._id });
        const filter: Record<string, unknown> = { activity: activity._id };
        if (query.status) filter.status = query.status;
        if (query.shiftId) filter.shift = new Types.ObjectId(query.shiftId);
        const [rows, total] = await Promise.all([
          Signup.find(filter)
            .sort({ shift: 1, status: 1, waitPos: 1, createdAt: 1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean<SignupDoc[]>(),
          Signup.countDocuments(filter),
        ]);
        const users = rows.map((s) => s.user);
        const vols = await Volunteer.find({ user: { $in: users } }).lean<VolunteerDoc[]>();
        const byUser = new Map(vols.map((v) => [String(v.user), v]));
        const past = await Signup.aggregate<{ _id: Types.ObjectId; n: number }>([
          { $match: { user: { $in: users }, status: 'confirmed', end: { $lte: deps.now() } } },
          { $group: { _id: '$user', n: { $sum: 1 } } },
        ]);
        const pastBy = new Map(past.map((p) => [String(p._id), p.n]));
        const now = deps.now();
        ctx.body = {
          items: rows.map((s) =>
            presentApplicant(
              s,
              activity,
              presentApplicantSummary(String(s.user), byUser.get(String(s.user)) ?? null, pastBy.get(String(s.user)) ?? 0, now),
            ),
          ),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<TSignupDecisionInput, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/decision',
      summary: '审核报名（团队管理员，记审计）：approve 通过待审核报名；reject 拒绝待审核/候补报名并释放名额',
      tags: ['volunteering'],
      policy: member,
      params: ZSignupParams,
      body: ZSignupDecisionInput,
      handler: async (ctx, { params, body }) => {
        const s = await loadSignup(params.id);
        if (!(await signupPolicy.canDecide(ctx.state.actor, s))) throw fail('forbidden');
        const r = await decideSignup(deps, ctx.state.actor!, s, body, ctx.state.requestId);
        if (r.outcome === 'not_found') throw fail('not_found');
        if (r.outcome === 'not_pending') throw new AppError('signup_state_invalid', { message: '该报名当前状态不能执行此操作' });
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, undefined, TShiftParams>({
      method: 'post',
      path: '/api/shifts/:id/no-shows',
      summary: '登记失约（团队管理员）：班次结束 30 分钟后仍未签到的已确认报名记为 no_show',
      tags: ['volunteering'],
      policy: member,
      params: ZShiftParams,
      handler: async (ctx, { params }) => {
        const shift = await Shift.findById(params.id).lean<ShiftDoc>();
        if (!shift) throw fail('not_found');
        if (!(await teamPolicy.canManage(ctx.state.actor, shift.team))) throw fail('forbidden');
        ctx.body = { marked: await markNoShows(deps, { shift: shift._id }) };
      },
    }),
  ];
}
