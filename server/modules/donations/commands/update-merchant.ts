import type { TFieldError } from '@shared/errors';
import type { TMerchantSettings } from '@shared/schemas/donations';
import type { AppDeps } from '../../../deps';
import type { Actor } from '../../../http/actor';
import type { Refusal } from '../../../platform/outcome';
import { auditActor } from '../../../platform/outbox/event';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { inspectMerchant, merchantReferences } from '../merchant-view';
import { Charity, type CharityDoc } from '../model';

/**
 * A district admin changes a charity's merchant settings (a renewed platform certificate, the
 * move to the 微信支付公钥, a new APIv3 key file). Every key must load before anything is saved
 * (`unreadable` names the fields) and the private key must be the merchant certificate's, under
 * its serial (`key_mismatch`), and the change is guarded on the version the admin saw, so
 * two edits cannot silently overwrite each other. The version bump makes every process rebuild
 * its Pay client. Audited with paths and references only, never key material.
 */
export async function updateMerchant(
  deps: AppDeps,
  actor: Actor,
  charity: CharityDoc,
  input: TMerchantSettings & { version: number },
  requestId?: string,
): Promise<{ outcome: 'updated'; charity: CharityDoc } | Refusal<'conflict'> | { outcome: 'unreadable'; fields: TFieldError[] } | { outcome: 'key_mismatch'; fields: TFieldError[] }> {
  const { version, ...merchant } = input;
  const { problems, mismatches } = inspectMerchant(merchant);
  if (problems.length) return { outcome: 'unreadable', fields: problems };
  if (mismatches.length) return { outcome: 'key_mismatch', fields: mismatches };
  return inUnitOfWork(deps, async (uow) => {
    const updated = await Charity.findOneAndUpdate(
      { _id: charity._id, version },
      { $set: { merchant }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    ).lean<CharityDoc>();
    if (!updated) return { outcome: 'conflict' as const };
    const id = String(charity._id);
    uow.emit({
      type: 'charity.merchant_updated',
      aggregate: `charity:${id}`,
      payload: { id },
      audit: { actor: auditActor(actor), action: 'charity.merchant_update', target: { type: 'charity', id }, before: merchantReferences(charity.merchant), after: merchantReferences(merchant), requestId },
    });
    return { outcome: 'updated' as const, charity: updated };
  });
}
