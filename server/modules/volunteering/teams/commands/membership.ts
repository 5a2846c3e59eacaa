import { Types } from 'mongoose';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { recordAudit } from '../../../audit/record';
import { Team, type TeamDoc } from '../../../org/model';
import type { Refusal } from '../../../../platform/outcome';
import { User } from '../../../users/model';
import { isDuplicateKey } from '../../signups/commands/placement';
import { TeamMembership, TeamProfile, type TeamMembershipDoc, type TMemberRole } from '../model';

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
  const team = await Team.findById(teamId, { status: 1 }).lean<TeamDoc>();
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
  const m = await TeamMembership.findOneAndUpdate(
    { team: teamId, user: userId, status: 'pending' },
    { $set: { status, decidedBy: new Types.ObjectId(actor.userId), decidedAt: now, reason: input.reason } },
    { returnDocument: 'after' },
  ).lean<TeamMembershipDoc>();
  if (!m) return { outcome: 'not_pending' };
  if (status === 'active') await TeamProfile.updateOne({ team: teamId }, { $inc: { memberCount: 1 } }, { upsert: true });
  await recordAudit({
    actor,
    action: `volunteering.team_member.${input.decision}d`,
    target: { type: 'team_membership', id: String(m._id) },
    after: { status, reason: input.reason },
    requestId,
    at: now,
  });
  return { outcome: input.decision === 'approve' ? 'approved' : 'rejected', membership: m };
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
  const before = await TeamMembership.findOneAndUpdate(
    { team: teamId, user: userId, status: 'active' },
    { $set: { role } },
    { returnDocument: 'before' },
  ).lean<TeamMembershipDoc>();
  if (!before) return { outcome: 'not_member' };
  if (before.role === 'admin' && role === 'member') {
    const admins = await TeamMembership.countDocuments({ team: teamId, status: 'active', role: 'admin' });
    if (admins === 0) {
      await TeamMembership.updateOne({ _id: before._id }, { $set: { role: 'admin' } });
      return { outcome: 'last_admin' };
    }
  }
  await syncTeamAdminRole(userId, teamId, role === 'admin');
  await recordAudit({
    actor,
    action: 'volunteering.team_member.role_changed',
    target: { type: 'team_membership', id: String(before._id) },
    before: { role: before.role },
    after: { role },
    requestId,
    at: deps.now(),
  });
  return { outcome: 'updated', membership: { ...before, role } };
}

/** A member leaves the team (an only admin cannot). */
export async function leaveTeam(userId: string, teamId: string): Promise<Refusal<'left' | 'not_member' | 'last_admin'>> {
  const before = await TeamMembership.findOneAndUpdate(
    { team: teamId, user: userId, status: 'active' },
    { $set: { status: 'left' } },
    { returnDocument: 'before' },
  ).lean<TeamMembershipDoc>();
  if (!before) return { outcome: 'not_member' };
  if (before.role === 'admin' && (await TeamMembership.countDocuments({ team: teamId, status: 'active', role: 'admin' })) === 0) {
    await TeamMembership.updateOne({ _id: before._id }, { $set: { status: 'active' } });
    return { outcome: 'last_admin' };
  }
  await TeamProfile.updateOne({ team: teamId, memberCount: { $gt: 0 } }, { $inc: { memberCount: -1 } });
  if (before.role === 'admin') await syncTeamAdminRole(userId, teamId, false);
  return { outcome: 'left' };
}

/** Keeps the user's team_admin(team) role grant in step with an admin membership. */
export async function syncTeamAdminRole(userId: string | Types.ObjectId, teamId: string, admin: boolean): Promise<void> {
  if (admin) {
    await User.updateOne(
      { _id: userId, roles: { $not: { $elemMatch: { role: 'team_admin', scopeId: teamId } } } },
      { $push: { roles: { role: 'team_admin', scopeType: 'team', scopeId: teamId } } },
    );
  } else {
    await User.updateOne({ _id: userId }, { $pull: { roles: { role: 'team_admin', scopeId: teamId } } });
  }
}
