import { ZNoContent } from '@shared/schemas/common';
import {
  ZJoinDecisionInput,
  ZMembershipEnvelope,
  ZMembershipsList,
  ZNearbyTeamsPage,
  ZTeamApplicationsList,
  ZTeamEnvelope,
  ZJoinRequestInput,
  ZMemberRoleInput,
  ZMembershipQuery,
  ZNearbyTeamsQuery,
  ZTeamApplicationsQuery,
  ZTeamApplyInput,
  ZTeamMemberParams,
  ZTeamParams,
  ZTeamReviewInput,
  type TJoinDecisionInput,
  type TJoinRequestInput,
  type TMemberRoleInput,
  type TMembershipQuery,
  type TNearbyTeamsQuery,
  type TTeamApplicationsQuery,
  type TTeamApplyInput,
  type TTeamMemberParams,
  type TTeamParams,
  type TTeamReviewInput,
} from '@shared/schemas/volunteering/teams';
import type { AppDeps } from '../../../deps';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { anyRole, member, publicAccess } from '../../../http/policy';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { ensureTextAllowed } from '../activities';
import { contentRiskyAnswer } from '../../content';
import { applyForTeam, reviewTeam } from './commands/apply';
import { decideJoin, leaveTeam, requestToJoin, setMemberRole } from './commands/membership';
import { membershipPolicy, teamPolicy } from './policy';
import { presentMembership, presentTeamDetail, presentTeamSummary } from './presenter';
import { totalsFor } from '../hours';
import { displayNames } from '../../users';
import { findTeam, membershipOf, members, nearbyTeams, profileOf, teamApplications } from './queries';

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TTeamApplyInput>({
      method: 'post',
      path: '/api/teams',
      summary: '申请成立志愿团队（待区级管理员认证）',
      tags: ['volunteering'],
      policy: member,
      response: ZTeamEnvelope,
      body: ZTeamApplyInput,
      handler: async (ctx, { body }) => {
        const check = await ensureTextAllowed(deps, ctx.state.actor!.userId, [
          { path: 'name', text: body.name },
          { path: 'hostOrg', text: body.hostOrg },
          { path: 'serviceArea', text: body.serviceArea },
          { path: 'address', text: body.address },
          { path: 'intro', text: body.intro },
        ]);
        unlessRefused(check, { content_risky: contentRiskyAnswer });
        const { team, profile } = await applyForTeam(deps, ctx.state.actor!.userId, body, check.outcome);
        ctx.status = 201;
        ctx.body = { team: presentTeamDetail(team, profile, null) };
      },
    }),
    defineRoute<undefined, TNearbyTeamsQuery>({
      method: 'get',
      path: '/api/teams/nearby',
      summary: '附近的认证志愿团队（志愿地图），由近及远',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZNearbyTeamsPage,
      query: ZNearbyTeamsQuery,
      handler: async (ctx, { query }) => {
        const { items, hasMore, profiles } = await nearbyTeams(query);
        ctx.body = {
          items: items.map((t) => presentTeamSummary(t, profiles.get(String(t._id)) ?? null, t.distanceM)),
          hasMore,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<undefined, undefined, TTeamParams>({
      method: 'get',
      path: '/api/teams/:id',
      summary: '团队主页：简介、成员数、服务时长；未认证团队仅申请人与管理员可见',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZTeamEnvelope,
      params: ZTeamParams,
      handler: async (ctx, { params }) => {
        const team = await findTeam(params.id);
        if (!team) throw fail('not_found');
        const profile = await profileOf(team._id);
        const actor = ctx.state.actor;
        if (team.status !== 'certified') {
          const own = actor && profile?.applicant && String(profile.applicant) === actor.userId;
          if (!own && !(await teamPolicy.can(actor, 'manage', { id: team._id }))) throw fail('not_found');
        }
        const mine = await membershipOf(params.id, actor?.userId);
        const totals = await totalsFor('team', params.id, null);
        const abilities = await teamPolicy.abilities(actor, { id: team._id, status: team.status, myMembership: mine });
        ctx.body = { team: { ...presentTeamDetail(team, profile, mine, totals.confirmedMinutes), abilities } };
      },
    }),
    defineRoute<undefined, TMembershipQuery, TTeamParams>({
      method: 'get',
      path: '/api/teams/:id/members',
      summary: '团队成员（status=pending 为入队申请，仅团队管理员可看）',
      tags: ['volunteering'],
      policy: member,
      response: ZMembershipsList,
      params: ZTeamParams,
      query: ZMembershipQuery,
      handler: async (ctx, { params, query }) => {
        if (query.status === 'pending') await teamPolicy.authorize(ctx.state.actor, 'manageMembers', { id: params.id });
        const list = await members(params.id, query);
        const actor = ctx.state.actor;
        const items = await Promise.all(
          list.items.map(async (m) => ({ ...m, abilities: await membershipPolicy.abilities(actor, { team: params.id, status: m.status }) })),
        );
        ctx.body = { ...list, items };
      },
    }),
    defineRoute<TJoinRequestInput, undefined, TTeamParams>({
      method: 'post',
      path: '/api/teams/:id/join',
      summary: '申请加入团队（由团队管理员审核）',
      tags: ['volunteering'],
      policy: member,
      response: ZMembershipEnvelope,
      params: ZTeamParams,
      body: ZJoinRequestInput,
      handler: async (ctx, { params, body }) => {
        const check = body.message
          ? await ensureTextAllowed(deps, ctx.state.actor!.userId, [{ path: 'message', text: body.message }])
          : { outcome: 'pass' as const };
        unlessRefused(check, { content_risky: contentRiskyAnswer });
        const r = await requestToJoin(deps, ctx.state.actor!.userId, params.id, body.message, check.outcome);
        unlessRefused(r, { not_found: 'not_found', not_certified: 'team_not_certified', already_member: 'already_member' });
        ctx.status = 201;
        ctx.body = { membership: presentMembership(r.membership, '') };
      },
    }),
    defineRoute<undefined, undefined, TTeamParams>({
      method: 'post',
      path: '/api/teams/:id/leave',
      summary: '退出团队',
      tags: ['volunteering'],
      policy: member,
      response: ZNoContent,
      params: ZTeamParams,
      handler: async (ctx, { params }) => {
        const r = await leaveTeam(ctx.state.actor!.userId, params.id);
        unlessRefused(r, { not_member: 'not_found', last_admin: 'last_team_admin' });
        ctx.status = 204;
      },
    }),
    defineRoute<TJoinDecisionInput, undefined, TTeamMemberParams>({
      method: 'post',
      path: '/api/teams/:id/members/:userId/decision',
      summary: '审核入队申请（团队管理员，记审计）',
      tags: ['volunteering'],
      policy: member,
      response: ZMembershipEnvelope,
      params: ZTeamMemberParams,
      body: ZJoinDecisionInput,
      handler: async (ctx, { params, body }) => {
        await teamPolicy.authorize(ctx.state.actor, 'manageMembers', { id: params.id });
        const r = await decideJoin(deps, ctx.state.actor!, params.id, params.userId, body, ctx.state.requestId);
        unlessRefused(r, { not_pending: 'not_found' });
        const names = await displayNames([r.membership.user]);
        ctx.body = { membership: presentMembership(r.membership, names.get(params.userId) ?? '') };
      },
    }),
    defineRoute<TMemberRoleInput, undefined, TTeamMemberParams>({
      method: 'patch',
      path: '/api/teams/:id/members/:userId',
      summary: '设置成员角色 member / admin（团队管理员，记审计）',
      tags: ['volunteering'],
      policy: member,
      response: ZMembershipEnvelope,
      params: ZTeamMemberParams,
      body: ZMemberRoleInput,
      handler: async (ctx, { params, body }) => {
        await teamPolicy.authorize(ctx.state.actor, 'manageMembers', { id: params.id });
        const r = await setMemberRole(deps, ctx.state.actor!, params.id, params.userId, body.role, ctx.state.requestId);
        unlessRefused(r, { not_member: 'not_found', last_admin: 'last_team_admin' });
        const names = await displayNames([r.membership.user]);
        ctx.body = { membership: presentMembership(r.membership, names.get(params.userId) ?? '') };
      },
    }),
    defineRoute<undefined, TTeamApplicationsQuery>({
      method: 'get',
      path: '/api/admin/team-applications',
      summary: '团队认证申请列表（区级管理员）',
      tags: ['volunteering', 'admin'],
      policy: anyRole('district_admin'),
      response: ZTeamApplicationsList,
      query: ZTeamApplicationsQuery,
      handler: async (ctx, { query }) => {
        ctx.body = await teamApplications(query);
      },
    }),
    defineRoute<TTeamReviewInput, undefined, TTeamParams>({
      method: 'post',
      path: '/api/admin/teams/:id/review',
      summary: '认证或驳回团队申请（区级管理员，驳回需理由，记审计）',
      tags: ['volunteering', 'admin'],
      policy: anyRole('district_admin'),
      response: ZTeamEnvelope,
      params: ZTeamParams,
      body: ZTeamReviewInput,
      handler: async (ctx, { params, body }) => {
        const r = await reviewTeam(deps, ctx.state.actor!, params.id, body, ctx.state.requestId);
        unlessRefused(r, { not_found: 'not_found', already_reviewed: 'team_already_reviewed' });
        ctx.body = { team: presentTeamDetail(r.team, await profileOf(r.team._id), null) };
      },
    }),
  ];
}
