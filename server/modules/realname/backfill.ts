import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { accountsMissingSearchHashes, fillSearchHashes, searchHash } from '../users';
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
  const users = await accountsMissingSearchHashes(BATCH);
  let done = 0;
  for (const u of users) {
    const fill: Parameters<typeof fillSearchHashes>[1] = {};
    if (u.phone && !u.phoneHash) fill.phone = { of: u.phone, hash: searchHash(key, 'phone', u.phone) };
    if (u.realName && !u.realName.nameHash) {
      const name = decryptField([deps.config.LINLI_ID_ENC_KEY], u.realName.nameEnc);
      fill.name = { ofNameEnc: u.realName.nameEnc, hash: searchHash(key, 'name', name) };
    }
    if (await fillSearchHashes(u._id, fill)) done += 1;
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
