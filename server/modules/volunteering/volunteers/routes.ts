import { z } from 'zod';
import {
  ZAppealDecisionInput,
  ZEventParams,
  ZNoShowAppealsList,
  ZNoShowEventEnvelope,
  ZVolunteerEnvelope,
  ZVolunteerMaybe,
  ZNoShowAppealInput,
  ZVolunteerProfileUpdate,
  ZVolunteerRegisterInput,
  ZVolunteerUserParams,
  type TAppealDecisionInput,
  type TNoShowAppealInput,
  type TVolunteerProfileUpdate,
  type TVolunteerRegisterInput,
} from '@shared/schemas/volunteering/volunteers';
import { ZTeamParams, type TTeamParams } from '@shared/schemas/volunteering/teams';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { member } from '../../../http/policy';
import { ensureTextAllowed } from '../activities';
import { contentRiskyAnswer } from '../../content';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { teamPolicy } from '../teams';
import { appealNoShow, decideAppeal } from './commands/appeal';
import { registerVolunteer, updateVolunteerProfile } from './commands/register';
import { mayRegisterAsVolunteer, noShowPolicy } from './policy';
import { presentNoShowEvent, presentVolunteer } from './presenter';
import { findNoShowEvent, findVolunteerByUser, pendingAppeals } from './queries';

const actorOf = (ctx: { state: { actor: { userId: string } | null } }) => ctx.state.actor!;

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TVolunteerRegisterInput>({
      method: 'post',
      path: '/api/volunteers',
      summary: '注册成为志愿者（需先实名认证）',
      tags: ['volunteering'],
      policy: member,
      response: ZVolunteerEnvelope,
      body: ZVolunteerRegisterInput,
      handler: async (ctx, { body }) => {
        if (!mayRegisterAsVolunteer(ctx.state.actor)) throw fail('real_name_required');
        const introCheck = await ensureTextAllowed(deps, actorOf(ctx).userId, [{ path: 'intro', text: body.intro }]);
        unlessRefused(introCheck, { content_risky: contentRiskyAnswer });
        const r = await registerVolunteer(deps, actorOf(ctx).userId, body, introCheck.outcome);
        unlessRefused(r, { not_verified: 'real_name_required', already_registered: 'already_volunteer' });
        ctx.status = 201;
        ctx.body = { volunteer: presentVolunteer(r.volunteer, deps.now()) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/volunteers/me',
      summary: '我的志愿者档案（未注册时 volunteer 为 null）：编号、时长、失约记录与分数',
      tags: ['volunteering'],
      policy: member,
      response: ZVolunteerMaybe,
      handler: async (ctx) => {
        const v = await findVolunteerByUser(actorOf(ctx).userId);
        ctx.body = { volunteer: v ? presentVolunteer(v, deps.now()) : null };
      },
    }),
    defineRoute<TVolunteerProfileUpdate>({
      method: 'patch',
      path: '/api/volunteers/me',
      summary: '修改志愿者档案：技能、服务区域、可服务时间、简介',
      tags: ['volunteering'],
      policy: member,
      response: ZVolunteerEnvelope,
      body: ZVolunteerProfileUpdate,
      handler: async (ctx, { body }) => {
        const introCheck = await ensureTextAllowed(deps, actorOf(ctx).userId, [{ path: 'intro', text: body.intro }]);
        unlessRefused(introCheck, { content_risky: contentRiskyAnswer });
        const v = await updateVolunteerProfile(actorOf(ctx).userId, body, introCheck.outcome, deps.now());
        if (!v) throw fail('volunteer_required');
        ctx.body = { volunteer: presentVolunteer(v, deps.now()) };
      },
    }),
    defineRoute<TNoShowAppealInput, undefined, { eventId: string }>({
      method: 'post',
      path: '/api/volunteers/me/no-show-events/:eventId/appeal',
      summary: '对一条失约/迟退记录提出申诉（每条一次），由该团队管理员处理',
      tags: ['volunteering'],
      policy: member,
      response: ZVolunteerEnvelope,
      params: ZEventParams,
      body: ZNoShowAppealInput,
      handler: async (ctx, { body, params }) => {
        const r = await appealNoShow(deps, actorOf(ctx).userId, params.eventId, body.reason);
        unlessRefused(r, { not_found: 'not_found', already_appealed: 'appeal_exists' });
        ctx.body = { volunteer: presentVolunteer(r.volunteer, deps.now()) };
      },
    }),
    defineRoute<undefined, undefined, TTeamParams>({
      method: 'get',
      path: '/api/teams/:id/no-show-appeals',
      summary: '团队待处理的失约申诉（团队管理员）',
      tags: ['volunteering'],
      policy: member,
      response: ZNoShowAppealsList,
      params: ZTeamParams,
      handler: async (ctx, { params }) => {
        await teamPolicy.authorize(ctx.state.actor, 'manageMembers', { id: params.id });
        ctx.body = { items: await pendingAppeals(params.id, deps.now()) };
      },
    }),
    defineRoute<TAppealDecisionInput, undefined, z.infer<typeof ZVolunteerUserParams>>({
      method: 'post',
      path: '/api/volunteers/:userId/no-show-events/:eventId/decision',
      summary: '处理失约申诉：upheld 申诉成立（记录作废）/ rejected 驳回（团队管理员，记审计）',
      tags: ['volunteering'],
      policy: member,
      response: ZNoShowEventEnvelope,
      params: ZVolunteerUserParams,
      body: ZAppealDecisionInput,
      handler: async (ctx, { body, params }) => {
        const event = await findNoShowEvent(params.userId, params.eventId);
        if (!event) throw fail('not_found');
        await noShowPolicy.authorize(ctx.state.actor, 'decideAppeal', event);
        const r = await decideAppeal(deps, ctx.state.actor!, params.userId, params.eventId, body, ctx.state.requestId);
        unlessRefused(r, { not_pending: { code: 'signup_state_invalid', message: '该申诉已处理或不存在' } });
        const updated = r.volunteer.noShowEvents.find((e) => String(e._id) === params.eventId)!;
        ctx.body = { event: presentNoShowEvent(updated, deps.now()) };
      },
    }),
  ];
}
