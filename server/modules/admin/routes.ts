import { ZCreateStaffInput, ZRoleGrant, type TCreateStaffInput, type TRoleGrant } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { unlessRefused } from '../../http/refusals';
import type { TFieldError } from '@shared/errors';
import { ZUserEnvelope, ZUserPage } from '@shared/schemas/auth';
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

/** Every failing field of a role grant, as one 400 (paths under roles.N. when several). */
const INVALID_GRANT = (r: { fields: TFieldError[] }) => ({ code: 'validation_failed' as const, fields: r.fields });
const ACCOUNT_STATUS_REFUSALS = {
  own_account: { code: 'conflict', message: '不能停用自己的账号' },
  not_found: 'not_found',
} as const;

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TAdminUserQuery>({
      method: 'get',
      path: '/api/admin/users',
      summary: '用户列表（区级管理员）：按姓名/用户名搜索，按角色、类型筛选',
      tags: ['admin'],
      policy: districtAdmin,
      query: ZAdminUserQuery,
      response: ZUserPage,
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
        const r = await createStaff(deps, ctx.state.actor!, body, ctx.state.requestId);
        unlessRefused(r, {
          invalid_grant: INVALID_GRANT,
          username_taken: { code: 'username_taken', fields: [{ path: 'username', message: '用户名已被使用' }] },
        });
        ctx.status = 201;
        ctx.body = { user: presentUser(r.user) };
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
        const r = await grantRole(deps, ctx.state.actor!, params.id, body, ctx.state.requestId);
        unlessRefused(r, {
          not_found: 'not_found',
          invalid_grant: INVALID_GRANT,
          already_granted: { code: 'conflict', message: '该用户已拥有此角色' },
        });
        ctx.body = { user: presentUser(r.user) };
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
        const r = await revokeRole(deps, ctx.state.actor!, params.id, params.index, ctx.state.requestId);
        unlessRefused(r, {
          not_found: 'not_found',
          no_such_role: { code: 'not_found', message: '该角色不存在' },
          own_admin_role: { code: 'conflict', message: '不能撤销自己的区级管理员角色' },
        });
        ctx.body = { user: presentUser(r.user) };
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
        const r = await setAccountStatus(deps, ctx.state.actor!, params.id, 'disabled', deps.now(), ctx.state.requestId);
        unlessRefused(r, ACCOUNT_STATUS_REFUSALS);
        ctx.body = { user: presentUser(r.user) };
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
        const r = await setAccountStatus(deps, ctx.state.actor!, params.id, 'active', deps.now(), ctx.state.requestId);
        unlessRefused(r, ACCOUNT_STATUS_REFUSALS);
        ctx.body = { user: presentUser(r.user) };
      },
    }),
  ];
}
