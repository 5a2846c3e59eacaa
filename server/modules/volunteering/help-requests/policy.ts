import { Types } from 'mongoose';
import { hasRole, type Actor } from '../../../http/actor';
import { Team } from '../../org';
import { TeamMembership } from '../teams';
import type { HelpRequestDoc } from './model';

/**
 * Public once approved; before that only the author and reviewers see it.
 * Reviewers are district admins and team admins: holders of a team_admin role
 * grant, and active admins by team membership of a certified team (a member
 * promoted inside the team is an admin even when no role grant was written).
 */
export const helpRequestPolicy = {
  async isReviewer(actor: Actor | null): Promise<boolean> {
    if (actor === null) return false;
    if (hasRole(actor, 'district_admin') || hasRole(actor, 'team_admin')) return true;
    if (!Types.ObjectId.isValid(actor.userId)) return false;
    const teams = await TeamMembership.distinct('team', { user: new Types.ObjectId(actor.userId), status: 'active', role: 'admin' });
    if (teams.length === 0) return false;
    return (await Team.exists({ _id: { $in: teams }, status: 'certified' })) !== null;
  },
  isAuthor: (actor: Actor | null, r: Pick<HelpRequestDoc, 'author'>): boolean =>
    actor !== null && String(r.author) === actor.userId,
  isPublic: (r: Pick<HelpRequestDoc, 'status'>): boolean =>
    r.status === 'published' || r.status === 'taken' || r.status === 'converted',
  async canSeeDetail(actor: Actor | null, r: Pick<HelpRequestDoc, 'author' | 'status'>): Promise<boolean> {
    return helpRequestPolicy.isAuthor(actor, r) || (await helpRequestPolicy.isReviewer(actor));
  },
};
