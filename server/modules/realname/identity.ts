import { maskIdNumber } from '@shared/idcard';
import type { AppDeps } from '../../deps';
import { searchHash, type UserDoc } from '../users';
import { encryptField, hashIdNumber, normaliseIdNumber } from './crypto';
import { maskName } from './mask';

type RealName = NonNullable<UserDoc['realName']>;

/**
 * The stored form of a verified identity: name and ID encrypted (a fresh IV each time), the
 * ID's keyed hash (one person, one account), the name's search hash, and the masks every
 * response shows. Verification and the admin's correction store it the same way.
 */
export function sealIdentity(deps: AppDeps, name: string, rawId: string, verifiedAt: Date): RealName {
  const idNumber = normaliseIdNumber(rawId);
  const key = deps.config.LINLI_ID_ENC_KEY;
  return {
    nameEnc: encryptField(key, name),
    idNumberEnc: encryptField(key, idNumber),
    idNumberHash: hashIdNumber(deps.config.LINLI_ID_HASH_KEY, idNumber),
    nameHash: searchHash(deps.config.LINLI_ID_HASH_KEY, 'name', name),
    nameMasked: maskName(name),
    idNumberMasked: maskIdNumber(idNumber),
    verifiedAt,
  };
}

export const isDuplicateKey = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
