import type { Types } from 'mongoose';
import type { Actor } from '../../../http/actor';
import { hasRole } from '../../../http/actor';
import { isActiveMember, isTeamAdmin } from '../teams';
import type { CertificateDoc } from './model';

/**
 * Who confirms a certificate: the issuing team's admins (a team certificate) or the district
 * admin (any). Who sees a 公示 list: the issuing team's active members, or, for the district's
 * own certificates, every signed-in member of the district.
 */
export async function canConfirmFor(
  actor: Actor,
  issuer: { type: CertificateDoc['issuer']['type']; team: Types.ObjectId | string | null },
): Promise<boolean> {
  if (hasRole(actor, 'district_admin')) return true;
  return issuer.type === 'team' && issuer.team !== null && isTeamAdmin(actor, issuer.team);
}

export async function canSeeListingOf(actor: Actor, teamId: string | undefined): Promise<boolean> {
  if (!teamId || hasRole(actor, 'district_admin')) return true;
  if (await isTeamAdmin(actor, teamId)) return true;
  return isActiveMember(teamId, actor.userId);
}
