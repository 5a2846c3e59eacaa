import {
  ZClinicList,
  ZCommunityList,
  ZDepartmentList,
  ZGridList,
  ZTeamList,
  ZCommunityQuery,
  ZGridQuery,
  ZTeamQuery,
  type TCommunityQuery,
  type TGridQuery,
  type TTeamQuery,
} from '@shared/schemas/org';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { publicAccess } from '../../http/policy';
import { teamDirectoryPolicy } from './policy';
import { clinics, communities, departments, grids, teams } from './queries';

/** Read-only directory of the organisations; public so the app can show them before login. */
export function routes(_deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TCommunityQuery>({
      method: 'get',
      path: '/api/org/communities',
      summary: '社区列表',
      tags: ['org'],
      policy: publicAccess,
      response: ZCommunityList,
      query: ZCommunityQuery,
      handler: async (ctx, { query }) => {
        ctx.body = { items: await communities(query) };
      },
    }),
    defineRoute<undefined, TGridQuery>({
      method: 'get',
      path: '/api/org/grids',
      summary: '网格列表（可按社区筛选）',
      tags: ['org'],
      policy: publicAccess,
      response: ZGridList,
      query: ZGridQuery,
      handler: async (ctx, { query }) => {
        ctx.body = { items: await grids(query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/departments',
      summary: '职能部门列表',
      tags: ['org'],
      policy: publicAccess,
      response: ZDepartmentList,
      handler: async (ctx) => {
        ctx.body = { items: await departments() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/clinics',
      summary: '社区法律诊所列表',
      tags: ['org'],
      policy: publicAccess,
      response: ZClinicList,
      handler: async (ctx) => {
        ctx.body = { items: await clinics() };
      },
    }),
    defineRoute<undefined, TTeamQuery>({
      method: 'get',
      path: '/api/org/teams',
      summary: '志愿服务团队列表（默认已认证；待审核/已驳回仅区级管理员可查）',
      tags: ['org'],
      policy: publicAccess,
      response: ZTeamList,
      query: ZTeamQuery,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor;
        await teamDirectoryPolicy.authorize(actor, 'list', { status: query.status });
        ctx.body = await teams(query);
      },
    }),
  ];
}
