import type { TRealNameInput } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import type { Refusal } from '../../platform/outcome';
import type { Actor } from '../../http/actor';
import { recordAudit } from '../audit';
import { findActiveAccount, findUser, setRealNameOnce, storedRealName, type UserDoc } from '../users';
import { decryptField } from './crypto';
import { isDuplicateKey, sealIdentity } from './identity';

/**
 * Verifies the caller's real name in one conditional update: it only matches an
 * active user without a real name (→ already_verified otherwise) and the unique
 * index on realName.idNumberHash rejects a second account with the same ID
 * (→ id_number_taken), so two concurrent requests can never both win.
 */
export async function verifyRealName(
  deps: AppDeps,
  userId: string,
  input: TRealNameInput,
): Promise<{ outcome: 'verified'; user: UserDoc } | Refusal<'id_number_taken' | 'already_verified' | 'not_found'>> {
  const realName = sealIdentity(deps, input.name, input.idNumber, deps.now());
  let updated: UserDoc | null;
  try {
    updated = await setRealNameOnce(userId, realName);
  } catch (e) {
    if (isDuplicateKey(e)) return { outcome: 'id_number_taken' };
    throw e;
  }
  if (!updated) {
    const exists = (await findActiveAccount(userId)) !== null;
    return { outcome: exists ? 'already_verified' : 'not_found' };
  }
  return { outcome: 'verified', user: updated };
}

export interface PersonalData {
  realName: string | null;
  phone: string | null;
  idNumberMasked: string | null;
}

/**
 * A district admin looks at a resident's personal data. The audit entry is
 * written before the data is returned: no unaudited views. The ID number
 * itself is never decrypted for display; only its mask leaves the server.
 */
export async function viewPersonalData(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  requestId: string,
): Promise<({ outcome: 'shown' } & PersonalData) | Refusal<'not_found'>> {
  const user = await findUser(userId);
  if (!user) return { outcome: 'not_found' };
  const realName = user.realName ? decryptField([deps.config.LINLI_ID_ENC_KEY], user.realName.nameEnc) : null;
  await recordAudit({
    actor,
    action: 'personal_data.viewed',
    target: { type: 'user', id: userId },
    after: { fields: ['realName', 'phone', 'idNumberMasked'] },
    requestId,
    at: deps.now(),
  });
  return { outcome: 'shown', realName, phone: user.phone ?? null, idNumberMasked: user.realName?.idNumberMasked ?? null };
}

/**
 * The verified name of the user themself, for documents they hold (their own service-record
 * certificate shows the full name; only the public verification page masks it). Never for
 * showing one person's name to another: staff views go through viewPersonalData (audited).
 */
export async function ownRealName(deps: AppDeps, userId: string): Promise<string | null> {
  const user = await storedRealName(userId);
  return user?.realName ? decryptField([deps.config.LINLI_ID_ENC_KEY], user.realName.nameEnc) : null;
}
