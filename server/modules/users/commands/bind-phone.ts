import type { AppDeps } from '../../../deps';
import { AppError } from '../../../http/errors';
import { WechatError } from '../../../wechat/errors';
import { User, type UserDoc } from '../model';

/** getPhoneNumber code → WeChat → the user's phone number (stored plain, always masked in responses). */
export async function bindPhone(deps: AppDeps, userId: string, code: string): Promise<UserDoc> {
  let phone: string;
  try {
    const r = await deps.wechat.getPhoneNumber(code);
    phone = r.purePhoneNumber || r.phoneNumber;
  } catch (error) {
    if (error instanceof WechatError && (error.kind === 'invalid_code' || error.kind === 'invalid_request')) {
      throw new AppError('phone_code_invalid', { fields: [{ path: 'code', message: '手机号授权凭证无效或已过期' }] });
    }
    deps.logger.warn({ err: error }, 'getPhoneNumber failed');
    throw new AppError('wechat_unavailable');
  }
  const user = await User.findOneAndUpdate({ _id: userId, status: 'active' }, { $set: { phone } }, { returnDocument: 'after' }).lean<UserDoc>();
  if (!user) throw new AppError('not_found');
  return user;
}
