import { randomInt } from 'node:crypto';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { WechatError } from '../../../wechat/errors';
import { createResidentAccount, findByOpenid, type UserDoc } from '../../users';
import { issueToken } from '../tokens';

export type WechatLoginOutcome =
  | { outcome: 'signed_in' | 'registered'; user: UserDoc; token: string; expiresAt: Date }
  | Refusal<'code_invalid' | 'wechat_unavailable' | 'account_disabled'>;

async function findOrCreateResident(openid: string, unionid: string | undefined): Promise<{ user: UserDoc; created: boolean }> {
  const existing = await findByOpenid(openid);
  if (existing) return { user: existing, created: false };
  try {
    const user = await createResidentAccount({ openid, unionid, displayName: `邻里居民${randomInt(1000, 10000)}` });
    return { user, created: true };
  } catch (error) {
    // Two first logins at once: the unique openid index lets one win; the other reads its user.
    if ((error as { code?: number }).code !== 11000) throw error;
    const winner = await findByOpenid(openid);
    if (!winner) throw error;
    return { user: winner, created: false };
  }
}

/** wx.login code → code2Session → resident user (created at first login) → new session. */
export async function loginWithWechat(deps: AppDeps, code: string): Promise<WechatLoginOutcome> {
  let session: { openid: string; unionid?: string };
  try {
    session = await deps.wechat.code2Session(code);
  } catch (error) {
    if (error instanceof WechatError && error.kind === 'invalid_code') {
      return { outcome: 'code_invalid' };
    }
    deps.logger.warn({ err: error }, 'code2Session failed');
    return { outcome: 'wechat_unavailable' };
  }
  const { user, created } = await findOrCreateResident(session.openid, session.unionid);
  if (user.status !== 'active') return { outcome: 'account_disabled' };
  const issued = await issueToken(user._id, deps.now(), deps.config.TOKEN_TTL_DAYS);
  return { outcome: created ? 'registered' : 'signed_in', user, token: issued.token, expiresAt: issued.expiresAt };
}
