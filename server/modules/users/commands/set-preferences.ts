import type { Refusal } from '../../../platform/outcome';
import { User, type UserDoc } from '../model';
import type { TPreferencesInput } from '../schemas';

export async function setPreferences(
  userId: string,
  prefs: TPreferencesInput,
): Promise<{ outcome: 'saved'; user: UserDoc } | Refusal<'not_found'>> {
  const user = await User.findOneAndUpdate(
    { _id: userId, status: 'active' },
    { $set: { 'preferences.elderMode': prefs.elderMode } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  return user ? { outcome: 'saved', user } : { outcome: 'not_found' };
}
