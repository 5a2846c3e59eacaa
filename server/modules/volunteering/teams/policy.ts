import { Types } from 'mongoose';
import { hasRole, type Actor } from '../../../http/actor';
import { TeamMembership } from './model';

/**
 * Team rules. A team admin is someone granted team_admin scoped to the team
 * (staff accounts, and the applicant once certified) or an active member with
 * the admin role. District admins supervise every team.
 */
export const teamPolicy = {
  canReview: (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'district_admin'),

  async canManage(actor: Actor | null, teamId: Types.ObjectId | string): Promise<boolean> {
    if (!actor) return false;
    if (hasRole(actor, 'district_admin') || hasRole(actor, 'team_admin', String(teamId))) return true;
    if (!Types.ObjectId.isValid(actor.userId)) return false;
    const m = await TeamMembership.exists({ team: teamId, user: actor.userId, status: 'active', role: 'admin' });
    return m !== null;
  },

  /** Join requests need a consented, signed-in resident (any kind may volunteer). */
  canJoin: (actor: Actor | null): boolean => actor !== null,
};
