import type { Policy } from '../../http/policy';
import { verifyPushSignature } from '../../wechat';
import type { TPushQuery } from './schema';

/** Pushes older or newer than this are refused, so a captured signature cannot be replayed for long. */
export const PUSH_MAX_SKEW_SECONDS = 5 * 60;

/**
 * Route policy of WeChat's message push: no user, the caller proves itself with the Token
 * both sides share. Checked after validation, so a bad or stale signature is a 403 and the
 * handler never runs. Without a configured Token every push is refused.
 */
export function wechatSignedPush(messageToken: string | undefined, now: () => Date): Policy {
  return {
    name: 'wechat_push_signature',
    requiresAuth: false,
    requiresConsent: false,
    allows: (_actor, ctx) => {
      if (!messageToken) return false;
      const query = ctx.input.query as TPushQuery;
      const skew = Math.abs(now().getTime() / 1000 - Number(query.timestamp));
      return skew <= PUSH_MAX_SKEW_SECONDS && verifyPushSignature(query, messageToken);
    },
  };
}
