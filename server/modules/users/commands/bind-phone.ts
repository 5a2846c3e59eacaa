import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { WechatError } from '../../../wechat/errors';
import { User, type UserDoc } from '../model';
import { searchHash } from '../search-hash';

/**
 * getPhoneNumber code → WeChat → the user's phone number (stored plain, always masked in
 * responses) and its keyed hash, which the district admin's search by phone matches.
 */
export async function bindPhone(
  deps: AppDeps,
  userId: string,
  code: string,
): Promise<{ outcome: 'bound'; user: UserDoc } | Refusal<'code_invalid' | 'wechat_unavailable' | 'not_found'>> {
  let phone: string;
  try {
    const r = await deps.wechat.getPhoneNumber(code);
    phone = r.purePhoneNumber || r.phoneNumber;
  } catch (error) {
    if (error instanceof WechatError && (error.kind === 'invalid_code' || error.kind === 'invalid_request')) {
      return { outcome: 'code_invalid' };
    }
    deps.logger.warn({ err: error }, 'getPhoneNumber failed');
    return { outcome: 'wechat_unavailable' };
  }
  const user = await User.findOneAndUpdate(
    { _id: userId, status: 'active' },
    { $set: { phone, phoneHash: searchHash(deps.config.LINLI_ID_HASH_KEY, 'phone', phone) } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  return user ? { outcome: 'bound', user } : { outcome: 'not_found' };
}
