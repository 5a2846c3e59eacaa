import { Types } from 'mongoose';
import type { TSignupNoteModerationInput } from '@shared/schemas/volunteering/signups';
import { appLinks } from '@shared/links';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { recordAudit } from '../../../audit/record';
import { Activity, type ActivityDoc } from '../../activities/model';
import { Signup, type SignupDoc } from '../model';
import { notifyVolunteers } from '../notify';
import type { Refusal } from '../outcome';

export type NoteModerationResult =
  { outcome: 'approved' | 'rejected'; signup: SignupDoc } | Refusal<'not_found' | 'nothing_held'>;

/**
 * A district admin decides a signup note the content check held: approve →
 * the organisers see it; reject → it is erased and the volunteer is told why
 * (the signup itself stands). Guarded on the held text, so a note changed or
 * erased meanwhile is never decided blind; audited with the actor.
 */
export async function moderateSignupNote(
  deps: AppDeps,
  actor: Actor,
  signupId: string,
  input: TSignupNoteModerationInput,
  requestId?: string,
): Promise<NoteModerationResult> {
  const now = deps.now();
  const current = await Signup.findById(signupId).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!current.noteHeld) return { outcome: 'nothing_held' };
  const approve = input.decision === 'approve';
  const review = {
    decision: input.decision,
    reason: input.reason ?? '',
    by: new Types.ObjectId(actor.userId),
    at: now,
  };
  const updated = await Signup.findOneAndUpdate(
    { _id: current._id, noteHeld: true, note: current.note },
    { $set: { noteReview: review, ...(approve ? {} : { note: '' }) }, $unset: { noteHeld: 1 } },
    { returnDocument: 'after' },
  ).lean<SignupDoc>();
  if (!updated) return { outcome: 'nothing_held' };
  await recordAudit({
    actor,
    action: approve ? 'volunteering.signup.note_approved' : 'volunteering.signup.note_rejected',
    target: { type: 'signup', id: String(current._id) },
    before: { note: current.note },
    after: { note: updated.note, reason: input.reason },
    requestId,
    at: now,
  });
  if (!approve) {
    const activity = await Activity.findById(current.activity, { title: 1 }).lean<ActivityDoc>();
    await notifyVolunteers(deps, {
      users: [current.user],
      template: 'signupResult',
      title: '报名备注未通过审核',
      body: `「${activity?.title ?? '活动'}」的报名备注已删除，报名仍有效。原因：${input.reason ?? ''}`,
      link: appLinks.mySignups(String(current._id)),
      key: `signup:${String(current._id)}:note:${now.getTime()}`,
    });
  }
  return { outcome: approve ? 'approved' : 'rejected', signup: updated };
}
