import { Types } from 'mongoose';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import type { ReviewApplied, ReviewDecision, ReviewRefused } from '../../../review';
import { Volunteer, type VolunteerDoc } from '../model';

export type IntroModerationResult =
  | (Omit<ReviewApplied, 'result'> & { outcome: 'approved' | 'rejected'; volunteer: VolunteerDoc })
  | ReviewRefused;

export const heldIntroVersion = (v: VolunteerDoc): string => v.heldIntro?.at.toISOString() ?? '';

/**
 * A district admin decides a held volunteer intro (through the 内容审核 queue):
 * approve → it becomes the public intro; reject → it is dropped (the previous
 * intro stays) and the volunteer is told why. Guarded on the held text's
 * timestamp, so a newer intro held meanwhile is never decided blind.
 */
export async function moderateIntro(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: ReviewDecision,
): Promise<IntroModerationResult> {
  const now = deps.now();
  const current = await Volunteer.findOne({ user: new Types.ObjectId(userId) }).lean<VolunteerDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!current.heldIntro) return { outcome: 'nothing_held' };
  if (input.version && input.version !== heldIntroVersion(current)) return { outcome: 'stale' };
  const approve = input.decision === 'approve';
  const review = { decision: input.decision, reason: input.reason, by: new Types.ObjectId(actor.userId), at: now };
  const updated = await Volunteer.findOneAndUpdate(
    { _id: current._id, 'heldIntro.at': current.heldIntro.at },
    { $set: { ...(approve ? { intro: current.heldIntro.text } : {}), introReview: review }, $unset: { heldIntro: 1 } },
    { returnDocument: 'after' },
  ).lean<VolunteerDoc>();
  if (!updated) return { outcome: 'nothing_held' };
  return {
    outcome: approve ? 'approved' : 'rejected',
    volunteer: updated,
    audit: {
      action: approve ? 'volunteering.volunteer.intro_approved' : 'volunteering.volunteer.intro_rejected',
      target: { type: 'volunteer', id: String(current._id) },
      before: { intro: current.intro, held: current.heldIntro.text },
      after: { intro: updated.intro, reason: input.reason || undefined },
    },
    tell: {
      users: [String(current.user)],
      title: approve ? '个人简介已通过审核' : '个人简介未通过审核',
      body: approve ? '您的志愿者个人简介已生效' : `原因：${input.reason}`,
      // The profile page (register doubles as the profile editor); not in shared/links yet.
      link: '/packages/volunteer/register/index',
    },
  };
}
