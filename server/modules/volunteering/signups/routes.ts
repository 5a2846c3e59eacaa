import { Types } from 'mongoose';
import {
  ZApplicantsPage,
  ZApplicantsQuery,
  ZMySignupsPage,
  ZNoShowsMarked,
  ZSignupResult,
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
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { ensureTextAllowed, findActivity, findShift } from '../activities';
import { contentRiskyAnswer } from '../../content';
import { activityPolicy } from '../activities';
import { cancelSignup } from './commands/cancel';
import { decideSignup } from './commands/decide';
import { acceptOffer, expireOffers } from './commands/offers';
import { signupForShift } from './commands/signup';
import { markNoShows } from './commands/sweeps';
import type { SignupDoc } from './model';
import { signupPolicy } from './policy';
import { presentSignup } from './presenter';
import { applicants, findSignup, mySignups, signupView } from './queries';

const SIGNUP_REFUSALS = {
  not_found: 'not_found',
  not_volunteer: 'volunteer_required',
  activity_not_open: 'activity_not_open',
  closed: 'signup_closed',
  already_signed_up: 'already_signed_up',
  overlap: 'shift_overlap',
} as const;

async function loadSignup(id: string): Promise<SignupDoc> {
  const s = await findSignup(id);
  if (!s) throw fail('not_found');
  return s;
}

/** Body of every single-signup answer: the named outcome and the presented signup. */
const outcomeBody = async (outcome: string, signup: SignupDoc) => ({ outcome, signup: await signupView(signup) });

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TSignupInput, undefined, TShiftParams>({
      method: 'post',
      path: '/api/shifts/:id/signups',
      summary: '报名班次：outcome = confirmed | pending_approval | waitlisted | offered；时间冲突、已截止等返回 409',
      tags: ['volunteering'],
      policy: member,
      response: ZSignupResult,
      params: ZShiftParams,
      body: ZSignupInput,
      handler: async (ctx, { params, body }) => {
        // The note goes to the organisers: risky text is refused (422 content_risky at `note`)
        // before anything is written; text WeChat wants reviewed is kept but not shown to them.
        const noteCheck = body.note?.trim()
          ? await ensureTextAllowed(deps, ctx.state.actor!.userId, [{ path: 'note', text: body.note }], 'comment')
          : { outcome: 'pass' as const };
        unlessRefused(noteCheck, { content_risky: contentRiskyAnswer });
        const r = await signupForShift(deps, ctx.state.actor!.userId, params.id, { ...body, noteHeld: noteCheck.outcome === 'review' });
        unlessRefused(r, SIGNUP_REFUSALS);
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
      response: ZMySignupsPage,
      query: ZMySignupsQuery,
      handler: async (ctx, { query }) => {
        await expireOffers(deps, { user: new Types.ObjectId(ctx.state.actor!.userId) });
        ctx.body = await mySignups(ctx.state.actor!.userId, query, deps.now());
      },
    }),
    defineRoute<undefined, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/cancel',
      summary: '取消报名：取消截止前为 cancelled，之后（开始前）为 late_cancelled 并计入失约记录',
      tags: ['volunteering'],
      policy: member,
      response: ZSignupResult,
      params: ZSignupParams,
      handler: async (ctx, { params }) => {
        const s = await loadSignup(params.id);
        await signupPolicy.authorize(ctx.state.actor, 'cancel', s);
        const r = await cancelSignup(deps, ctx.state.actor!.userId, params.id);
        unlessRefused(r, { not_found: 'not_found', not_active: 'signup_state_invalid', too_late: 'cancel_closed' });
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/accept-offer',
      summary: '确认候补名额（在保留时间内）：outcome = confirmed | pending_approval',
      tags: ['volunteering'],
      policy: member,
      response: ZSignupResult,
      params: ZSignupParams,
      handler: async (ctx, { params }) => {
        const s = await loadSignup(params.id);
        await signupPolicy.authorize(ctx.state.actor, 'respondToOffer', s);
        const r = await acceptOffer(deps, ctx.state.actor!.userId, params.id);
        unlessRefused(r, { not_found: 'not_found', expired: 'offer_expired', not_offered: 'signup_state_invalid' });
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, TApplicantsQuery, TActivityParams>({
      method: 'get',
      path: '/api/activities/:id/signups',
      summary: '活动报名者（团队管理员）：含志愿时长、参与次数、失约分数，可按状态与班次筛选',
      tags: ['volunteering'],
      policy: member,
      response: ZApplicantsPage,
      params: ZActivityParams,
      query: ZApplicantsQuery,
      handler: async (ctx, { params, query }) => {
        const activity = await findActivity(params.id);
        if (!activity) throw fail('not_found');
        await activityPolicy.authorize(ctx.state.actor, 'manageSignups', activity);
        await expireOffers(deps, { activity: activity._id });
        ctx.body = await applicants(activity, query, deps.now());
      },
    }),
    defineRoute<TSignupDecisionInput, undefined, TSignupParams>({
      method: 'post',
      path: '/api/signups/:id/decision',
      summary: '审核报名（团队管理员，记审计）：approve 通过待审核报名；reject 拒绝待审核/候补报名并释放名额',
      tags: ['volunteering'],
      policy: member,
      response: ZSignupResult,
      params: ZSignupParams,
      body: ZSignupDecisionInput,
      handler: async (ctx, { params, body }) => {
        const s = await loadSignup(params.id);
        await signupPolicy.authorize(ctx.state.actor, 'decide', s);
        const r = await decideSignup(deps, ctx.state.actor!, s, body, ctx.state.requestId);
        unlessRefused(r, {
          not_found: 'not_found',
          not_pending: { code: 'signup_state_invalid', message: '该报名当前状态不能执行此操作' },
        });
        ctx.body = await outcomeBody(r.outcome, r.signup);
      },
    }),
    defineRoute<undefined, undefined, TShiftParams>({
      method: 'post',
      path: '/api/shifts/:id/no-shows',
      summary: '登记失约（团队管理员）：班次结束 30 分钟后仍未签到的已确认报名记为 no_show',
      tags: ['volunteering'],
      policy: member,
      response: ZNoShowsMarked,
      params: ZShiftParams,
      handler: async (ctx, { params }) => {
        const shift = await findShift(params.id);
        if (!shift) throw fail('not_found');
        await activityPolicy.authorize(ctx.state.actor, 'manageSignups', { team: shift.team, status: 'published', checkinRequired: false });
        ctx.body = { marked: await markNoShows(deps, { shift: shift._id }) };
      },
    }),
  ];
}
