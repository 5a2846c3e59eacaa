import { Types } from 'mongoose';
import type { TTeamStatus } from '@shared/schemas/volunteering/teams';
import { hasRole, type Actor } from '../../../http/actor';
import { definePolicy, memoForActor } from '../../../platform/policy';
import { TeamMembership } from './model';

/**
 * Is the actor an admin of the team: a district admin (they supervise every
 * team), a holder of team_admin scoped to it (staff accounts, the applicant
 * once certified), or an active member with the admin role. Asked once per
 * team per request.
 */
export function isTeamAdmin(actor: Actor | null, teamId: Types.ObjectId | string): Promise<boolean> {
  if (!actor) return Promise.resolve(false);
  if (hasRole(actor, 'district_admin') || hasRole(actor, 'team_admin', String(teamId))) return Promise.resolve(true);
  if (!Types.ObjectId.isValid(actor.userId) || !Types.ObjectId.isValid(String(teamId))) return Promise.resolve(false);
  return memoForActor(actor, `team-admin:${String(teamId)}`, async () => {
    const m = await TeamMembership.exists({ team: teamId, user: actor.userId, status: 'active', role: 'admin' });
    return m !== null;
  });
}

/** A team as the policy sees it: its id, and (when known) its status and the asker's membership. */
export interface TeamResource {
  id: Types.ObjectId | string;
  status?: TTeamStatus;
  myMembership?: { status: string; role: string } | null;
}

const admin = (actor: Actor | null, t: TeamResource) => isTeamAdmin(actor, t.id);

/** Team rules: its admins run it (members, activities, hours, stats, covers); anyone may ask to join a certified team. */
export const teamPolicy = definePolicy<TeamResource, 'manage' | 'manageMembers' | 'publishActivity' | 'confirmHours' | 'viewStats' | 'join' | 'certify'>(
  'team',
  {
    manage: admin,
    manageMembers: admin,
    publishActivity: admin,
    confirmHours: admin,
    viewStats: admin,
    // Anyone may ask; a visitor is asked to sign in first (the join route itself needs a signed-in member).
    join: () => true,
    certify: (actor) => actor !== null && hasRole(actor, 'district_admin'),
  },
  {
    publishActivity: (t) => t.status === undefined || t.status === 'certified',
    join: (t) =>
      t.status === 'certified' && (!t.myMembership || t.myMembership.status === 'rejected' || t.myMembership.status === 'left'),
    certify: (t) => t.status === 'pending',
  },
);

/** Shorthand for "may the actor run this team" (`teamPolicy.can(actor, 'manage', { id })`). */
export const canManageTeam = (actor: Actor | null, teamId: Types.ObjectId | string): Promise<boolean> =>
  teamPolicy.can(actor, 'manage', { id: teamId });

/** Membership rules: the team's admins decide join requests and set members' roles. */
export const membershipPolicy = definePolicy<{ team: Types.ObjectId | string; status: string }, 'decide' | 'setRole'>(
  'membership',
  {
    decide: (actor, m) => isTeamAdmin(actor, m.team),
    setRole: (actor, m) => isTeamAdmin(actor, m.team),
  },
  { decide: (m) => m.status === 'pending', setRole: (m) => m.status === 'active' },
);
