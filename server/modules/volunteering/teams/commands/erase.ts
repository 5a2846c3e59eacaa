import type { Types } from 'mongoose';
import type { UnitOfWork } from '../../../../platform/unit-of-work';
import { TeamMembership, TeamProfile, type TeamMembershipDoc } from '../model';

/**
 * Ends a deleted account's memberships (volunteering's privacy erase, inside its unit of work);
 * a sole admin leaves too (the team stays, without an admin) and the audit says so.
 */
export async function endMembershipsOf(uow: UnitOfWork, user: Types.ObjectId, now: Date): Promise<void> {
  // Join messages are the member's own words, shown to the team or held for review.
  await TeamMembership.updateMany(
    { user, $or: [{ message: { $ne: '' } }, { heldMessage: { $exists: true } }] },
    { $set: { message: '' }, $unset: { heldMessage: 1 } },
  );
  await TeamMembership.updateMany({ user, status: 'pending' }, { $set: { status: 'left', decidedAt: now } });
  const active = await TeamMembership.find({ user, status: 'active' }).lean<TeamMembershipDoc[]>();
  for (const m of active) {
    const res = await TeamMembership.updateOne({ _id: m._id, status: 'active' }, { $set: { status: 'left' } });
    if (res.modifiedCount !== 1) continue;
    await TeamProfile.updateOne({ team: m.team, memberCount: { $gt: 0 } }, { $inc: { memberCount: -1 } });
    const soleAdmin =
      m.role === 'admin' && (await TeamMembership.countDocuments({ team: m.team, status: 'active', role: 'admin' })) === 0;
    uow.emit({
      type: 'membership.left',
      aggregate: `membership:${String(m._id)}`,
      payload: { membershipId: String(m._id), teamId: String(m.team), userId: String(user), reason: 'account_deleted' },
      audit: {
        actor: { system: 'privacy' },
        action: 'volunteering.team_member.left',
        target: { type: 'team_membership', id: String(m._id) },
        before: { status: 'active', role: m.role },
        after: {
          status: 'left',
          reason: 'account_deleted',
          ...(soleAdmin ? { note: '唯一管理员注销账号，团队暂无管理员，需由区级管理员指定新管理员' } : {}),
        },
      },
    });
  }
}
