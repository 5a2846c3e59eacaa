import type { TUserDto } from '@shared/schemas/auth';
import { maskPhone } from '@shared/idcard';
import { currentPolicyVersion } from '../privacy';
import type { UserDoc } from './model';

type PresentableUser = Pick<
  UserDoc,
  '_id' | 'kind' | 'displayName' | 'username' | 'phone' | 'realName' | 'roles' | 'consent' | 'preferences' | 'status' | 'createdAt'
>;

/** The user as every API response shows them: ID and phone only masked, no secrets. */
export function presentUser(user: PresentableUser): TUserDto {
  const current = currentPolicyVersion();
  const consentVersion = user.consent?.version ?? null;
  return {
    id: String(user._id),
    kind: user.kind,
    displayName: user.displayName,
    username: user.username ?? undefined,
    phoneMasked: user.phone ? maskPhone(user.phone) : undefined,
    realName: user.realName
      ? {
          nameMasked: user.realName.nameMasked,
          idNumberMasked: user.realName.idNumberMasked,
          verifiedAt: new Date(user.realName.verifiedAt).toISOString(),
        }
      : null,
    roles: (user.roles ?? []).map((r) => ({
      role: r.role,
      scopeType: r.scopeType ?? undefined,
      scopeId: r.scopeId ?? undefined,
      supervisorId: r.supervisorId ?? undefined,
    })),
    consent: { version: consentVersion, current, required: consentVersion !== current },
    preferences: { elderMode: Boolean(user.preferences?.elderMode) },
    status: user.status ?? 'active',
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
