import { Types } from 'mongoose';
import type { TIntroModerationInput } from '@shared/schemas/volunteering/volunteers';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { recordAudit } from '../../../audit/record';
import { notifyVolunteers } from '../../signups/notify';
import type { Refusal } from '../../signups/outcome';
import { Volunteer, type VolunteerDoc } from '../model';

export type IntroModerationResult =
  | { outcome: 'approved' | 'rejected'; volunteer: VolunteerDoc }
  | Refusal<'not_found' | 'nothing_held'>;

/**
 * A district admin decides a held volunteer intro: approve → it becomes the
 * public intro; reject → it is dropped (the previous intro stays) and the
 * volunteer is told why. Guarded on the held text's timestamp, so a newer
 * intro held meanwhile is never decided blind; audited with the actor.
 */
export async function moderateIntro(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: TIntroModerationInput,
  requestId?: string,
): Promise<IntroModerationResult> {
  const now = deps.now();
  const current = await Volunteer.findOne({ user: new Types.ObjectId(userId) }).lean<VolunteerDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!current.heldIntro) return { outcome: 'nothing_held' };
  const approve = input.decision === 'approve';
  const review = { decision: input.decision, reason: input.reason ?? '', by: new Types.ObjectId(actor.userId), at: now };
  const updated = await Volunteer.findOneAndUpdate(
    { _id: current._id, 'heldIntro.at': current.heldIntro.at },
    { $set: { ...(approve ? { intro: current.heldIntro.text } : {}), introReview: review }, $unset: { heldIntro: 1 } },
    { returnDocument: 'after' },
  ).lean<VolunteerDoc>();
  if (!updated) return { outcome: 'nothing_held' };
  await recordAudit({
    actor,
    action: approve ? 'volunteering.volunteer.intro_approved' : 'volunteering.volunteer.intro_rejected',
    target: { type: 'volunteer', id: String(current._id) },
    before: { intro: current.intro, held: current.heldIntro.text },
    after: { intro: updated.intro, reason: input.reason },
    requestId,
    at: now,
  });
  await notifyVolunteers(deps, {
    users: [current.user],
    template: 'signupResult',
    title: approve ? '个人简介已通过审核' : '个人简介未通过审核',
    body: approve ? '您的志愿者个人简介已生效' : `原因：${input.reason ?? ''}`,
    // The profile page (register doubles as the profile editor); not in shared/links yet.
    link: '/packages/volunteer/register/index',
    key: `volunteer:${String(current._id)}:intro:${now.getTime()}`,
  });
  return { outcome: approve ? 'approved' : 'rejected', volunteer: updated };
}
