import { AppError } from '../../../http/errors';
import { User, type UserDoc } from '../model';
import type { TPreferencesInput } from '../schemas';

export async function setPreferences(userId: string, prefs: TPreferencesInput): Promise<UserDoc> {
  const user = await User.findOneAndUpdate(
    { _id: userId, status: 'active' },
    { $set: { 'preferences.elderMode': prefs.elderMode } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!user) throw new AppError('not_found');
  return user;
}
