import { z } from 'zod';
import { ZCreateStaffInput, ZRoleGrant, type TCreateStaffInput, type TRoleGrant } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { ZUserDto, ZUserEnvelope } from '@shared/schemas/auth';
import { presentUser } from '../users';
import { grantRole, revokeRole } from './commands/change-roles';
import { createStaff } from './commands/create-staff';
import { listUsers } from './commands/list-users';
import { setAccountStatus } from './commands/set-account-status';
import {
  ZAdminUserQuery,
  ZRoleIndexParams,
  ZUserIdParams,
  type TAdminUserQuery,
  type TRoleIndexParams,
  type TUserIdParams,
} from './schemas';

const districtAdmin = anyRole('district_admin');

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TAdminUserQuery>({
      method: 'get',
      path: '/api/admin/users',
      summary: '用户列表（区级管理员）：按姓名/用户名搜索，按角色、类型筛选',
      tags: ['admin'],
      policy: districtAdmin,
      query: ZAdminUserQuery,
      response: z.object({ items: z.array(ZUserDto), total: z.number(), page: z.number(), pageSize: z.number() }),
      handler: async (ctx, { query }) => {
        const { items, total } = await listUsers(query);
        ctx.body = { items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<TCreateStaffInput>({
      method: 'post',
      path: '/api/admin/staff',
      summary: '创建工作人员账号并授予角色（范围须存在）',
      tags: ['admin'],
      policy: districtAdmin,
      body: ZCreateStaffInput,
      response: ZUserEnvelope,
      handler: async (ctx, { body }) => {
        const user = await createStaff(ctx.state.actor!, body, ctx.state.requestId);
        ctx.status = 201;
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<TRoleGrant, undefined, TUserIdParams>({
      method: 'post',
      path: '/api/admin/users/:id/roles',
      summary: '授予角色：团队管理员需团队，律师/协调员需诊所，实习生需诊所和该诊所的指导律师，处置人员需部门或网格',
      tags: ['admin'],
      policy: districtAdmin,
      params: ZUserIdParams,
      body: ZRoleGrant,
      response: ZUserEnvelope,
      handler: async (ctx, { body, params }) => {
        const user = await grantRole(ctx.state.actor!, params.id, body, ctx.state.requestId);
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<undefined, undefined, TRoleIndexParams>({
      method: 'delete',
      path: '/api/admin/users/:id/roles/:index',
      summary: '撤销角色：index 为该用户 roles 数组中的序号（从 0 开始）',
      tags: ['admin'],
      policy: districtAdmin,
      params: ZRoleIndexParams,
      response: ZUserEnvelope,
      handler: async (ctx, { params }) => {
        const user = await revokeRole(ctx.state.actor!, params.id, params.index, ctx.state.requestId);
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<undefined, undefined, TUserIdParams>({
      method: 'post',
      path: '/api/admin/users/:id/disable',
      summary: '停用账号：立即吊销其全部令牌',
      tags: ['admin'],
      policy: districtAdmin,
      params: ZUserIdParams,
      response: ZUserEnvelope,
      handler: async (ctx, { params }) => {
        const user = await setAccountStatus(ctx.state.actor!, params.id, 'disabled', deps.now(), ctx.state.requestId);
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<undefined, undefined, TUserIdParams>({
      method: 'post',
      path: '/api/admin/users/:id/enable',
      summary: '启用账号（并解除登录锁定）',
      tags: ['admin'],
      policy: districtAdmin,
      params: ZUserIdParams,
      response: ZUserEnvelope,
      handler: async (ctx, { params }) => {
        const user = await setAccountStatus(ctx.state.actor!, params.id, 'active', deps.now(), ctx.state.requestId);
        ctx.body = { user: presentUser(user) };
      },
    }),
  ];
}
