import { z } from 'zod';
import { ZPersonalDataDto, ZRealNameInput, ZUserEnvelope, type TRealNameInput } from '@shared/schemas/auth';
import { ZObjectId } from '@shared/schemas/common';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { anyRole, member } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
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
      policy: anyRole('district_admin'),
      response: ZPersonalDataDto,
      params: ZUserIdParams,
      handler: async (ctx, { params }) => {
        const r = await viewPersonalData(deps, ctx.state.actor!, params.id, ctx.state.requestId);
        unlessRefused(r, { not_found: 'not_found' });
        ctx.body = { realName: r.realName, phone: r.phone, idNumberMasked: r.idNumberMasked };
      },
    }),
  ];
}
