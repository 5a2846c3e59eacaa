import type { Refusal } from '../../../../platform/outcome';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { findActivity } from '../../activities';
import { Signup, type SignupDoc } from '../model';
import type { VolunteeringMessage } from '../notify';
import { releaseCounters } from './cancel';
import { appLinks } from '@shared/links';

export type DecideResult =
  | { outcome: 'approved' | 'rejected'; signup: SignupDoc }
  | Refusal<'not_found' | 'not_pending'>;

/**
 * A team admin approves a pending signup (it keeps its place) or rejects a
 * pending, waitlisted or offered one (its place or queue position is given
 * back). Audited with the actor.
 */
export async function decideSignup(
  deps: AppDeps,
  actor: Actor,
  signup: SignupDoc,
  input: { decision: 'approve' | 'reject'; reason?: string },
  requestId?: string,
): Promise<DecideResult> {
  const now = deps.now();
  const allowedFrom = input.decision === 'approve' ? ['pending_approval'] : ['pending_approval', 'waitlisted', 'offered'];
  if (!allowedFrom.includes(signup.status)) return { outcome: 'not_pending' };
  const set =
    input.decision === 'approve'
      ? { $set: { status: 'confirmed', confirmedAt: now, decidedBy: actor.userId, decidedAt: now } }
      : {
          $set: { status: 'rejected', decidedBy: actor.userId, decidedAt: now, reason: input.reason },
          $unset: { activeKey: 1, offerExpiresAt: 1 },
        };
  return inUnitOfWork(deps, async (uow): Promise<DecideResult> => {
    const updated = await Signup.findOneAndUpdate({ _id: signup._id, status: signup.status }, set, {
      returnDocument: 'after',
    }).lean<SignupDoc>();
    if (!updated) return { outcome: 'not_pending' };
    const activity = await findActivity(signup.activity);
    if (input.decision === 'reject' && activity) await releaseCounters(deps, signup, activity);
    const message: VolunteeringMessage = {
      users: [String(signup.user)],
      template: 'signupResult',
      title: input.decision === 'approve' ? '报名审核通过' : '报名未通过',
      body:
        input.decision === 'approve'
          ? `您报名的「${activity?.title ?? ''}」已通过审核`
          : `您报名的「${activity?.title ?? ''}」未通过审核：${input.reason ?? ''}`,
      link: appLinks.activity(String(signup.activity)),
      key: `signup:${String(signup._id)}:${input.decision}`,
    };
    uow.emit({
      type: input.decision === 'approve' ? 'signup.approved' : 'signup.rejected',
      aggregate: `signup:${String(signup._id)}`,
      payload: { signupId: String(signup._id), userId: String(signup.user), shiftId: String(signup.shift), message },
      audit: {
        actor: auditActor(actor),
        action: input.decision === 'approve' ? 'volunteering.signup.approved' : 'volunteering.signup.rejected',
        target: { type: 'signup', id: String(signup._id) },
        before: { status: signup.status },
        after: { status: updated.status, reason: input.reason },
        requestId,
      },
    });
    return { outcome: input.decision === 'approve' ? 'approved' : 'rejected', signup: updated };
  });
}
