import { Types } from 'mongoose';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { teamBrief } from '../../../org';
import type { Refusal } from '../../../../platform/outcome';
import { grantRoleOnce, revokeRoleGrants } from '../../../users';
import { isDuplicateKey } from '../../signups';
import { TeamMembership, TeamProfile, type TeamMembershipDoc, type TMemberRole } from '../model';

/** Membership events are ordered per membership (join, role changes, leaving). */
const membershipAggregate = (m: Pick<TeamMembershipDoc, '_id'>): string => `membership:${String(m._id)}`;

/**
 * Writes the team's profile inside the transaction, so two transactions that each remove an
 * admin conflict (one retries and sees the other's change) instead of each counting the other's
 * admin as still there (write skew under snapshot or read-committed isolation).
 */
const lockTeam = (teamId: string) => TeamProfile.updateOne({ team: teamId }, { $set: { updatedAt: new Date() } });

export type JoinResult = { outcome: 'requested'; membership: TeamMembershipDoc } | Refusal<'not_found' | 'not_certified' | 'already_member'>;

/** A resident asks to join a certified team; re-applying after a rejection or leaving reuses the record. */
export async function requestToJoin(
  deps: AppDeps,
  userId: string,
  teamId: string,
  message?: string,
  messageCheck: 'pass' | 'review' = 'pass',
): Promise<JoinResult> {
  // A message the content check wants reviewed is held: the request goes ahead without it.
  const shown = messageCheck === 'pass' ? (message ?? '') : '';
  const held = messageCheck === 'review' && message ? { heldMessage: message } : {};
  const team = await teamBrief(teamId);
  if (!team) return { outcome: 'not_found' };
  if (team.status !== 'certified') return { outcome: 'not_certified' };
  const user = new Types.ObjectId(userId);
  const reopened = await TeamMembership.findOneAndUpdate(
    { team: team._id, user, status: { $in: ['rejected', 'left'] } },
    {
      $set: { status: 'pending', role: 'member', message: shown, ...held },
      $unset: { decidedBy: 1, decidedAt: 1, reason: 1, ...(messageCheck === 'pass' ? { heldMessage: 1 as const } : {}) },
    },
    { returnDocument: 'after' },
  ).lean<TeamMembershipDoc>();
  if (reopened) return { outcome: 'requested', membership: reopened };
  try {
    const m = await TeamMembership.create({ team: team._id, user, role: 'member', status: 'pending', message: shown, ...held });
    return { outcome: 'requested', membership: m.toObject<TeamMembershipDoc>() };
  } catch (err) {
    if (isDuplicateKey(err)) return { outcome: 'already_member' };
    throw err;
  }
}

export type JoinDecisionResult = { outcome: 'approved' | 'rejected'; membership: TeamMembershipDoc } | Refusal<'not_pending'>;

/** A team admin approves or rejects a pending join request (audited). */
export async function decideJoin(
  deps: AppDeps,
  actor: Actor,
  teamId: string,
  userId: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  requestId?: string,
): Promise<JoinDecisionResult> {
  const now = deps.now();
  const status = input.decision === 'approve' ? 'active' : 'rejected';
  return inUnitOfWork(deps, async (uow): Promise<JoinDecisionResult> => {
    const m = await TeamMembership.findOneAndUpdate(
      { team: teamId, user: userId, status: 'pending' },
      { $set: { status, decidedBy: new Types.ObjectId(actor.userId), decidedAt: now, reason: input.reason } },
      { returnDocument: 'after' },
    ).lean<TeamMembershipDoc>();
    if (!m) return { outcome: 'not_pending' };
    if (status === 'active') await TeamProfile.updateOne({ team: teamId }, { $inc: { memberCount: 1 } }, { upsert: true });
    uow.emit({
      type: `membership.${input.decision}d`,
      aggregate: membershipAggregate(m),
      payload: { membershipId: String(m._id), teamId: String(m.team), userId: String(m.user) },
      audit: {
        actor: auditActor(actor),
        action: `volunteering.team_member.${input.decision}d`,
        target: { type: 'team_membership', id: String(m._id) },
        after: { status, reason: input.reason },
        requestId,
      },
    });
    return { outcome: input.decision === 'approve' ? 'approved' : 'rejected', membership: m };
  });
}

export type RoleResult = { outcome: 'updated'; membership: TeamMembershipDoc } | Refusal<'not_member' | 'last_admin'>;

/**
 * Changes an active member's role. Demoting is undone when it would leave the
 * team without an admin (checked after the write, so two concurrent demotions
 * cannot both pass unnoticed).
 */
export async function setMemberRole(
  deps: AppDeps,
  actor: Actor,
  teamId: string,
  userId: string,
  role: TMemberRole,
  requestId?: string,
): Promise<RoleResult> {
  return inUnitOfWork(deps, async (uow): Promise<RoleResult> => {
    const before = await TeamMembership.findOneAndUpdate(
      { team: teamId, user: userId, status: 'active' },
      { $set: { role } },
      { returnDocument: 'before' },
    ).lean<TeamMembershipDoc>();
    if (!before) return { outcome: 'not_member' };
    if (before.role === 'admin' && role === 'member') {
      await lockTeam(teamId);
      const admins = await TeamMembership.countDocuments({ team: teamId, status: 'active', role: 'admin' });
      if (admins === 0) uow.rollback({ outcome: 'last_admin' });
    }
    await syncTeamAdminRole(userId, teamId, role === 'admin');
    uow.emit({
      type: 'membership.role_changed',
      aggregate: membershipAggregate(before),
      payload: { membershipId: String(before._id), teamId: String(before.team), userId: String(before.user), role },
      audit: {
        actor: auditActor(actor),
        action: 'volunteering.team_member.role_changed',
        target: { type: 'team_membership', id: String(before._id) },
        before: { role: before.role },
        after: { role },
        requestId,
      },
    });
    return { outcome: 'updated', membership: { ...before, role } };
  });
}

/** A member leaves the team (an only admin cannot). With `deps` its event is delivered at once. */
export function leaveTeam(userId: string, teamId: string, deps?: AppDeps): Promise<Refusal<'left' | 'not_member' | 'last_admin'>> {
  return inUnitOfWork(deps, async (uow): Promise<Refusal<'left' | 'not_member' | 'last_admin'>> => {
    const before = await TeamMembership.findOneAndUpdate(
      { team: teamId, user: userId, status: 'active' },
      { $set: { status: 'left' } },
      { returnDocument: 'before' },
    ).lean<TeamMembershipDoc>();
    if (!before) return { outcome: 'not_member' };
    if (before.role === 'admin') await lockTeam(teamId);
    if (before.role === 'admin' && (await TeamMembership.countDocuments({ team: teamId, status: 'active', role: 'admin' })) === 0) {
      uow.rollback({ outcome: 'last_admin' });
    }
    await TeamProfile.updateOne({ team: teamId, memberCount: { $gt: 0 } }, { $inc: { memberCount: -1 } });
    if (before.role === 'admin') await syncTeamAdminRole(userId, teamId, false);
    uow.emit({
      type: 'membership.left',
      aggregate: membershipAggregate(before),
      payload: { membershipId: String(before._id), teamId: String(before.team), userId: String(before.user) },
    });
    return { outcome: 'left' };
  });
}

/** Keeps the user's team_admin(team) role grant in step with an admin membership. */
export async function syncTeamAdminRole(userId: string | Types.ObjectId, teamId: string, admin: boolean): Promise<void> {
  if (admin) {
    await grantRoleOnce(userId, { role: 'team_admin', scopeType: 'team', scopeId: teamId });
  } else {
    await revokeRoleGrants(userId, { role: 'team_admin', scopeId: teamId });
  }
}
