import { ZConsentInput, type TConsentInput } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { signedIn } from '../../http/policy';
import { ZUserEnvelope } from '@shared/schemas/auth';
import { ZNoContent } from '@shared/schemas/common';
import { unlessRefused } from '../../http/refusals';
import { presentUser } from '../users';
import { recordConsent } from './consent';
import { exportPersonalData } from './export';
import { deleteAccount } from './erase';

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TConsentInput>({
      method: 'post',
      path: '/api/me/consent',
      summary: '同意当前版本的隐私政策（版本不一致返回 409 consent_version_mismatch）',
      tags: ['me'],
      policy: signedIn,
      body: ZConsentInput,
      response: ZUserEnvelope,
      handler: async (ctx, { body }) => {
        const r = await recordConsent(deps, ctx.state.actor!.userId, body.version);
        unlessRefused(r, { version_mismatch: 'consent_version_mismatch', not_found: 'not_found' });
        ctx.body = { user: presentUser(r.user) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/export',
      summary: '导出我的全部个人数据（JSON 文件下载；身份证号为掩码）',
      tags: ['me'],
      policy: signedIn,
      produces: 'application/json (attachment)',
      handler: async (ctx) => {
        const r = await exportPersonalData(deps, ctx.state.actor!.userId);
        unlessRefused(r, { not_found: 'not_found' });
        const { filename, data } = r;
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = JSON.stringify(data, null, 2);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/me',
      summary: '注销账号：删除或匿名化个人信息，注销所有登录',
      tags: ['me'],
      policy: signedIn,
      response: ZNoContent,
      handler: async (ctx) => {
        await deleteAccount(deps, ctx.state.actor!.userId, ctx.state.requestId);
        ctx.status = 204;
      },
    }),
  ];
}
