import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { searchHash, User, type UserDoc } from '../users';
import { decryptField } from './crypto';

const BATCH = 500;

/**
 * Accounts verified or phone-bound before the search hashes existed have none, so the district
 * admin's exact search would miss them. This fills them in, a batch at a time; each update is
 * guarded on the hash still missing and the value unchanged, so it never overwrites a newer write.
 * Returns how many accounts it completed.
 */
export async function backfillSearchHashes(deps: AppDeps): Promise<number> {
  const key = deps.config.LINLI_ID_HASH_KEY;
  const users = await User.find(
    {
      $or: [
        { phone: { $exists: true }, phoneHash: { $exists: false } },
        { realName: { $exists: true }, 'realName.nameHash': { $exists: false } },
      ],
    },
    { phone: 1, phoneHash: 1, realName: 1 },
  )
    .limit(BATCH)
    .lean<UserDoc[]>();
  let done = 0;
  for (const u of users) {
    const $set: Record<string, string> = {};
    const guard: Record<string, unknown> = { _id: u._id };
    if (u.phone && !u.phoneHash) {
      $set.phoneHash = searchHash(key, 'phone', u.phone);
      Object.assign(guard, { phone: u.phone, phoneHash: { $exists: false } });
    }
    if (u.realName && !u.realName.nameHash) {
      const name = decryptField([deps.config.LINLI_ID_ENC_KEY], u.realName.nameEnc);
      $set['realName.nameHash'] = searchHash(key, 'name', name);
      Object.assign(guard, { 'realName.nameEnc': u.realName.nameEnc });
    }
    const r = await User.updateOne(guard, { $set });
    done += r.modifiedCount;
  }
  return done;
}

export const backfillSearchHashesJob = (deps: AppDeps): JobSpec => ({
  name: 'realname.backfill-search-hashes',
  every: '1 hour',
  handler: async () => {
    const n = await backfillSearchHashes(deps);
    if (n > 0) deps.logger.info({ accounts: n }, 'search hashes filled in');
  },
});
