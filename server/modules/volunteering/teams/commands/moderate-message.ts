import { createHash } from 'node:crypto';
import { appLinks } from '@shared/links';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import type { ReviewApplied, ReviewDecision, ReviewRefused } from '../../../review';
import { TeamMembership, type TeamMembershipDoc } from '../model';

export type MessageModerationResult =
  | (Omit<ReviewApplied, 'result'> & { outcome: 'approved' | 'rejected'; membership: TeamMembershipDoc })
  | ReviewRefused;

export const heldMessageVersion = (m: Pick<TeamMembershipDoc, 'heldMessage'>): string =>
  createHash('sha256').update(m.heldMessage ?? '').digest('hex').slice(0, 16);

/**
 * A district admin decides a join-request message the content check held
 * (through the 内容审核 queue): approve → the team's admins see it with the
 * request; reject → it is dropped (the request stands) and the applicant is
 * told why. Guarded on the held text, so a re-application's newer message is
 * never decided blind.
 */
export async function moderateJoinMessage(
  _deps: AppDeps,
  _actor: Actor,
  membershipId: string,
  input: ReviewDecision,
): Promise<MessageModerationResult> {
  const current = await TeamMembership.findById(membershipId).lean<TeamMembershipDoc>();
  if (!current) return { outcome: 'not_found' };
  if (current.heldMessage === undefined) return { outcome: 'nothing_held' };
  if (input.version && input.version !== heldMessageVersion(current)) return { outcome: 'stale' };
  const approve = input.decision === 'approve';
  const updated = await TeamMembership.findOneAndUpdate(
    { _id: current._id, heldMessage: current.heldMessage },
    { ...(approve ? { $set: { message: current.heldMessage } } : {}), $unset: { heldMessage: 1 } },
    { returnDocument: 'after' },
  ).lean<TeamMembershipDoc>();
  if (!updated) return { outcome: 'nothing_held' };
  return {
    outcome: approve ? 'approved' : 'rejected',
    membership: updated,
    audit: {
      action: approve ? 'volunteering.team.join_message_approved' : 'volunteering.team.join_message_rejected',
      target: { type: 'team_membership', id: String(current._id) },
      before: { message: current.message, held: current.heldMessage },
      after: { message: updated.message, reason: input.reason || undefined },
    },
    tell: approve
      ? undefined
      : {
          users: [String(current.user)],
          title: '入队申请留言未通过审核',
          body: `留言已删除，入队申请仍有效。原因：${input.reason}`,
          link: appLinks.team(String(current.team)),
        },
  };
}
