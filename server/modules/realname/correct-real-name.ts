import { Types } from 'mongoose';
import type { TRealNameCorrectionInput } from '@shared/schemas/auth';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { auditActor } from '../../platform/outbox/event';
import type { Refusal } from '../../platform/outcome';
import { inUnitOfWork } from '../../platform/unit-of-work';
import type { Notice } from '../notifications';
import { replaceRealName, storedRealName, type UserDoc } from '../users';
import { isDuplicateKey, sealIdentity } from './identity';

export type CorrectRealNameResult =
  | { outcome: 'corrected'; user: UserDoc }
  | Refusal<'not_found' | 'not_verified' | 'unchanged' | 'id_number_taken' | 'changed_meanwhile'>;

/**
 * A district admin corrects a volunteer's verified name and ID (a typo the volunteer cannot
 * fix: "提交后不可自行修改"). Both are re-encrypted with fresh IVs; the unique index on the ID
 * hash keeps one person, one account (another account holding the ID → id_number_taken). The
 * update is guarded on the ID hash the admin saw, so two corrections at once cannot both land.
 * The user, the audited `realname.corrected` event (masks before and after, the reason — never
 * the plain values) and the volunteer's message commit together.
 */
export function correctRealName(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: TRealNameCorrectionInput,
  requestId?: string,
): Promise<CorrectRealNameResult> {
  return inUnitOfWork(deps, async (uow): Promise<CorrectRealNameResult> => {
    const _id = new Types.ObjectId(userId);
    const before = await storedRealName(_id, { notDeleted: true });
    if (!before) return { outcome: 'not_found' };
    const old = before.realName;
    if (!old) return { outcome: 'not_verified' };
    const realName = sealIdentity(deps, input.name, input.idNumber, old.verifiedAt);
    if (realName.idNumberHash === old.idNumberHash && realName.nameHash === old.nameHash) {
      return { outcome: 'unchanged' };
    }
    let user: UserDoc | null;
    try {
      user = await replaceRealName(_id, old.idNumberHash, realName);
    } catch (e) {
      if (isDuplicateKey(e)) return uow.rollback({ outcome: 'id_number_taken' });
      throw e;
    }
    if (!user) return { outcome: 'changed_meanwhile' };
    const notice: Notice = {
      user: userId,
      title: '您的实名信息已更正',
      body: `区级管理员已更正您的实名信息（姓名 ${realName.nameMasked}，身份证号 ${realName.idNumberMasked}）。原因：${input.reason}`,
      link: '/pages/me/index',
      dedupeKey: `realname_corrected:${userId}:${realName.idNumberHash.slice(0, 12)}:${realName.nameHash?.slice(0, 12)}`,
    };
    uow.emit({
      type: 'realname.corrected',
      aggregate: `user:${userId}`,
      payload: { userId, notices: [notice] },
      audit: {
        actor: auditActor(actor),
        action: 'realname.corrected',
        target: { type: 'user', id: userId },
        before: { nameMasked: old.nameMasked, idNumberMasked: old.idNumberMasked },
        after: { nameMasked: realName.nameMasked, idNumberMasked: realName.idNumberMasked, reason: input.reason },
        requestId,
      },
    });
    return { outcome: 'corrected', user };
  });
}
