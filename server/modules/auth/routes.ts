import { ZNoContent } from '@shared/schemas/common';
import {
  ZChangePasswordInput,
  ZChangePasswordResult,
  ZLoginResult,
  ZStaffLoginInput,
  ZWechatLoginInput,
  type TChangePasswordInput,
  type TLoginResult,
  type TStaffLoginInput,
  type TWechatLoginInput,
} from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import { publicAccess, signedIn, type Policy } from '../../http/policy';
import { createRateLimiter, RetryLaterError } from '../../http/rate-limit';
import { defineRoute, type RouteSpec } from '../../http/route';
import { unlessRefused } from '../../http/refusals';
import { presentUser } from '../users';
import { changePassword } from './commands/change-password';
import { loginStaff } from './commands/login-staff';
import { loginWithWechat } from './commands/login-with-wechat';
import { revokeSession } from './tokens';

/** Staff accounts only (residents sign in with WeChat and have no password); consent not needed to change it. */
const staffSignedIn: Policy = { ...signedIn, name: 'staff', allows: (a) => a !== null && a.kind === 'staff' };

export function routes(deps: AppDeps): RouteSpec[] {
  // Per IP and per account name: one noisy client cannot lock others out of the login form.
  const limiter = createRateLimiter({ max: deps.config.LOGIN_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });

  return [
    defineRoute<TWechatLoginInput>({
      method: 'post',
      path: '/api/auth/wechat/login',
      summary: '微信登录：wx.login 的 code 换取令牌，首次登录自动注册为居民',
      tags: ['auth'],
      policy: publicAccess,
      body: ZWechatLoginInput,
      response: ZLoginResult,
      handler: async (ctx, { body }) => {
        limiter.hit(`wechat|${ctx.ip}|${body.code}`);
        const r = await loginWithWechat(deps, body.code);
        unlessRefused(r, {
          code_invalid: { code: 'wechat_code_invalid', fields: [{ path: 'code', message: '微信登录凭证无效或已过期' }] },
          wechat_unavailable: 'wechat_unavailable',
          account_disabled: 'account_disabled',
        });
        const result: TLoginResult = { token: r.token, expiresAt: r.expiresAt.toISOString(), user: presentUser(r.user) };
        ctx.body = result;
      },
    }),
    defineRoute<TStaffLoginInput>({
      method: 'post',
      path: '/api/auth/staff/login',
      summary: '工作人员登录（用户名 + 密码）；连续 5 次失败锁定 15 分钟',
      tags: ['auth'],
      policy: publicAccess,
      body: ZStaffLoginInput,
      response: ZLoginResult,
      handler: async (ctx, { body }) => {
        limiter.hit(`staff|${ctx.ip}|${body.username.toLowerCase()}`);
        const r = await loginStaff(deps, body.username, body.password);
        if (r.outcome === 'locked') throw new RetryLaterError('account_locked', r.retryAfterSec);
        unlessRefused(r, { login_failed: 'login_failed' });
        const result: TLoginResult = { token: r.token, expiresAt: r.expiresAt.toISOString(), user: presentUser(r.user) };
        ctx.body = result;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: '退出登录：吊销当前令牌',
      tags: ['auth'],
      policy: signedIn,
      response: ZNoContent,
      handler: async (ctx) => {
        await revokeSession(ctx.state.actor!.tokenId, deps.now());
        ctx.status = 204;
      },
    }),
      defineRoute<TChangePasswordInput>({
      method: 'post',
      path: '/api/auth/password',
      summary: '工作人员修改密码：需当前密码；成功后其他设备上的登录全部失效（本设备保持登录），记入审计日志',
      tags: ['auth'],
      policy: staffSignedIn,
      body: ZChangePasswordInput,
      response: ZChangePasswordResult,
      handler: async (ctx, { body }) => {
        // A stolen token must not become an oracle for guessing the current password.
        limiter.hit(`password|${ctx.state.actor!.userId}`);
        const r = await changePassword(deps, ctx.state.actor!, body, ctx.state.requestId);
        unlessRefused(r, {
          not_staff: 'forbidden',
          wrong_password: {
            code: 'validation_failed',
            fields: [{ path: 'currentPassword', message: '当前密码不正确' }],
          },
          changed_meanwhile: { code: 'conflict', message: '密码刚被修改，请重新登录后再试' },
        });
        ctx.body = { revokedSessions: r.revokedSessions };
      },
    }),
  ];
}
