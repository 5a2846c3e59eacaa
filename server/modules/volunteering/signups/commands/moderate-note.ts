import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { appLinks } from '@shared/links';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import type { ReviewApplied, ReviewDecision, ReviewRefused } from '../../../review';
import { findActivity } from '../../activities';
import { Signup, type SignupDoc } from '../model';

export type NoteModerationResult =
  | (Omit<ReviewApplied, 'result'> & { outcome: 'approved' | 'rejected'; signup: SignupDoc })
  | ReviewRefused;

/** The held note's text is what the moderator decides on: its hash is the version. */
export const heldNoteVersion = (s: Pick<SignupDoc, 'note'>): string =>
  createHash('sha256').update(s.note).digest('hex').slice(0, 16);

/**
 * A district admin decides a signup note the content check held (through the
 * 内容审核 queue): approve → the organisers see it; reject → it is erased and
 * the volunteer is told why (the signup itself stands). Guarded on the held
 * text, so a note changed or erased meanwhile is never decided blind.
 */
export async function moderateSignupNote(
  deps: AppDeps,
  actor: Actor,
  signupId: string,
  input: ReviewDecision,
): Promise<NoteModerationResult> {
  const now = deps.now();
  const current = await Signup.findById(signupId).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  if (!current.noteHeld) return { outcome: 'nothing_held' };
  if (input.version && input.version !== heldNoteVersion(current)) return { outcome: 'stale' };
  const approve = input.decision === 'approve';
  const review = { decision: input.decision, reason: input.reason, by: new Types.ObjectId(actor.userId), at: now };
  const updated = await Signup.findOneAndUpdate(
    { _id: current._id, noteHeld: true, note: current.note },
    { $set: { noteReview: review, ...(approve ? {} : { note: '' }) }, $unset: { noteHeld: 1 } },
    { returnDocument: 'after' },
  ).lean<SignupDoc>();
  if (!updated) return { outcome: 'nothing_held' };
  const activity = approve ? null : await findActivity(current.activity);
  return {
    outcome: approve ? 'approved' : 'rejected',
    signup: updated,
    audit: {
      action: approve ? 'volunteering.signup.note_approved' : 'volunteering.signup.note_rejected',
      target: { type: 'signup', id: String(current._id) },
      before: { note: current.note },
      after: { note: updated.note, reason: input.reason || undefined },
    },
    tell: approve
      ? undefined
      : {
          users: [String(current.user)],
          title: '报名备注未通过审核',
          body: `「${activity?.title ?? '活动'}」的报名备注已删除，报名仍有效。原因：${input.reason}`,
          link: appLinks.mySignups(String(current._id)),
        },
  };
}
