import { ZPhoneBindInput, type TPhoneBindInput } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { member, signedIn } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { unlessRefused } from '../../http/refusals';
import { bindPhone } from './commands/bind-phone';
import { setPreferences } from './commands/set-preferences';
import { ZUserEnvelope } from '@shared/schemas/auth';
import { User, type UserDoc } from './model';
import { presentUser } from './presenter';
import { ZPreferencesInput, type TPreferencesInput } from './schemas';

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: '当前用户：资料、角色与范围、隐私政策同意状态（身份证号与手机号仅掩码）',
      tags: ['me'],
      policy: signedIn,
      response: ZUserEnvelope,
      handler: async (ctx) => {
        const user = await User.findById(ctx.state.actor!.userId).lean<UserDoc>();
        if (!user) throw new AppError('token_invalid');
        ctx.body = { user: presentUser(user) };
      },
    }),
    defineRoute<TPreferencesInput>({
      method: 'patch',
      path: '/api/me/preferences',
      summary: '偏好设置：长辈模式（大字、高对比度）',
      tags: ['me'],
      policy: member,
      body: ZPreferencesInput,
      response: ZUserEnvelope,
      handler: async (ctx, { body }) => {
        const r = await setPreferences(ctx.state.actor!.userId, body);
        unlessRefused(r, { not_found: 'not_found' });
        ctx.body = { user: presentUser(r.user) };
      },
    }),
    defineRoute<TPhoneBindInput>({
      method: 'post',
      path: '/api/me/phone',
      summary: '绑定手机号：getPhoneNumber 按钮返回的 code（沙箱中形如 phone:13800138000）',
      tags: ['me'],
      policy: member,
      body: ZPhoneBindInput,
      response: ZUserEnvelope,
      handler: async (ctx, { body }) => {
        const r = await bindPhone(deps, ctx.state.actor!.userId, body.code);
        unlessRefused(r, {
          code_invalid: { code: 'phone_code_invalid', fields: [{ path: 'code', message: '手机号授权凭证无效或已过期' }] },
          wechat_unavailable: 'wechat_unavailable',
          not_found: 'not_found',
        });
        ctx.body = { user: presentUser(r.user) };
      },
    }),
  ];
}
