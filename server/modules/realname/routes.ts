import { z } from 'zod';
import {
  ZPersonalDataDto,
  ZRealNameCorrectionInput,
  ZRealNameInput,
  ZUserEnvelope,
  ZUserPage,
  ZUserSearchQuery,
  type TRealNameCorrectionInput,
  type TRealNameInput,
  type TUserSearchQuery,
} from '@shared/schemas/auth';
import { ZObjectId } from '@shared/schemas/common';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { anyRole, member } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { presentUser } from '../users';
import { verifyRealName, viewPersonalData } from './commands';
import { correctRealName } from './correct-real-name';
import { searchUsers } from './search-users';

const ZUserIdParams = z.object({ id: ZObjectId });
const districtAdmin = anyRole('district_admin');

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TRealNameInput>({
      method: 'post',
      path: '/api/me/real-name',
      summary: '实名认证（姓名 + 身份证号；加密存储，仅返回掩码）',
      tags: ['me'],
      policy: member,
      response: ZUserEnvelope,
      body: ZRealNameInput,
      handler: async (ctx, { body }) => {
        const r = await verifyRealName(deps, ctx.state.actor!.userId, body);
        unlessRefused(r, { id_number_taken: 'id_number_taken', already_verified: 'already_verified', not_found: 'not_found' });
        ctx.body = { user: presentUser(r.user) };
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof ZUserIdParams>>({
      method: 'get',
      path: '/api/admin/users/:id/personal',
      summary: '查看居民个人信息（姓名、手机号、身份证号掩码）；每次查看均记入审计日志',
      tags: ['admin'],
      policy: districtAdmin,
      response: ZPersonalDataDto,
      params: ZUserIdParams,
      handler: async (ctx, { params }) => {
        const r = await viewPersonalData(deps, ctx.state.actor!, params.id, ctx.state.requestId);
        unlessRefused(r, { not_found: 'not_found' });
        ctx.body = { realName: r.realName, phone: r.phone, idNumberMasked: r.idNumberMasked };
      },
    }),
      defineRoute<TRealNameCorrectionInput, undefined, z.infer<typeof ZUserIdParams>>({
      method: 'post',
      path: '/api/admin/users/:id/real-name',
      summary: '更正实名信息（区级管理员）：新的姓名与身份证号须填写原因；重新加密，记入审计日志并通知本人',
      tags: ['admin'],
      policy: districtAdmin,
      params: ZUserIdParams,
      body: ZRealNameCorrectionInput,
      response: ZUserEnvelope,
      handler: async (ctx, { params, body }) => {
        const r = await correctRealName(deps, ctx.state.actor!, params.id, body, ctx.state.requestId);
        unlessRefused(r, {
          not_found: 'not_found',
          not_verified: { code: 'conflict', message: '该用户尚未实名认证，无需更正' },
          unchanged: { code: 'conflict', message: '姓名和身份证号与现有信息相同，未作更正' },
          id_number_taken: {
            code: 'id_number_taken',
            fields: [{ path: 'idNumber', message: '该身份证号已被其他账号实名认证' }],
          },
          changed_meanwhile: { code: 'conflict', message: '实名信息刚被他人更正，请刷新后重试' },
        });
        ctx.body = { user: presentUser(r.user) };
      },
    }),
    defineRoute<undefined, TUserSearchQuery>({
      method: 'get',
      path: '/api/admin/user-search',
      summary: '按完整手机号或完整实名姓名精确查找用户（区级管理员；以密钥哈希匹配，每次搜索记入审计日志）',
      tags: ['admin'],
      policy: districtAdmin,
      query: ZUserSearchQuery,
      response: ZUserPage,
      handler: async (ctx, { query }) => {
        const r = await searchUsers(deps, ctx.state.actor!, query, ctx.state.requestId);
        ctx.body = { items: r.users.map(presentUser), total: r.users.length, page: 1, pageSize: r.users.length };
      },
    }),
  ];
}
