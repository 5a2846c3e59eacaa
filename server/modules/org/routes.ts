import {
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
import { hasRole } from '../../http/actor';
import { fail } from '../../http/errors';
import {
  Clinic,
  Community,
  Department,
  Grid,
  Team,
  type ClinicDoc,
  type CommunityDoc,
  type DepartmentDoc,
  type GridDoc,
  type TeamDoc,
} from './model';
import { presentClinic, presentCommunity, presentDepartment, presentGrid, presentTeam } from './presenter';

/** Read-only directory of the organisations; public so the app can show them before login. */
export function routes(_deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TCommunityQuery>({
      method: 'get',
      path: '/api/org/communities',
      summary: '社区列表',
      tags: ['org'],
      policy: publicAccess,
      query: ZCommunityQuery,
      handler: async (ctx, { query }) => {
        const items = await Community.find(query.district ? { district: query.district } : {})
          .sort({ name: 1 })
          .lean<CommunityDoc[]>();
        ctx.body = { items: items.map(presentCommunity) };
      },
    }),
    defineRoute<undefined, TGridQuery>({
      method: 'get',
      path: '/api/org/grids',
      summary: '网格列表（可按社区筛选）',
      tags: ['org'],
      policy: publicAccess,
      query: ZGridQuery,
      handler: async (ctx, { query }) => {
        const items = await Grid.find(query.community ? { community: query.community } : {})
          .sort({ name: 1 })
          .lean<GridDoc[]>();
        ctx.body = { items: items.map(presentGrid) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/departments',
      summary: '职能部门列表',
      tags: ['org'],
      policy: publicAccess,
      handler: async (ctx) => {
        const items = await Department.find({}).sort({ name: 1 }).lean<DepartmentDoc[]>();
        ctx.body = { items: items.map(presentDepartment) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/clinics',
      summary: '社区法律诊所列表',
      tags: ['org'],
      policy: publicAccess,
      handler: async (ctx) => {
        const items = await Clinic.find({}).sort({ name: 1 }).lean<ClinicDoc[]>();
        ctx.body = { items: items.map(presentClinic) };
      },
    }),
    defineRoute<undefined, TTeamQuery>({
      method: 'get',
      path: '/api/org/teams',
      summary: '志愿服务团队列表（默认已认证；待审核/已驳回仅区级管理员可查）',
      tags: ['org'],
      policy: publicAccess,
      query: ZTeamQuery,
      handler: async (ctx, { query }) => {
        const actor = ctx.state.actor;
        if (query.status !== 'certified' && !(actor && hasRole(actor, 'district_admin'))) throw fail('forbidden');
        const filter = { status: query.status };
        const [items, total] = await Promise.all([
          Team.find(filter)
            .sort({ name: 1, _id: 1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean<TeamDoc[]>(),
          Team.countDocuments(filter),
        ]);
        ctx.body = { items: items.map(presentTeam), total };
      },
    }),
  ];
}
