import { z } from 'zod';
import { ZRealNameInput, type TRealNameInput } from '@shared/schemas/auth';
import { ZObjectId } from '@shared/schemas/common';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { anyRole, member } from '../../http/policy';
import { presentUser } from '../users';
import { verifyRealName, viewPersonalData } from './commands';

const ZUserIdParams = z.object({ id: ZObjectId });

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TRealNameInput>({
      method: 'post',
      path: '/api/me/real-name',
      summary: '实名认证（姓名 + 身份证号；加密存储，仅返回掩码）',
      tags: ['me'],
      policy: member,
      body: ZRealNameInput,
      handler: async (ctx, { body }) => {
        const user = await verifyRealName(deps, ctx.state.actor!.userId, body);
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof ZUserIdParams>>({
      method: 'get',
      path: '/api/admin/users/:id/personal',
      summary: '查看居民个人信息（姓名、手机号、身份证号掩码）；每次查看均记入审计日志',
      tags: ['admin'],
      policy: anyRole('district_admin'),
      params: ZUserIdParams,
      handler: async (ctx, { params }) => {
        ctx.body = await viewPersonalData(deps, ctx.state.actor!, params.id, ctx.state.requestId);
      },
    }),
  ];
}
