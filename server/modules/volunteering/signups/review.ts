import { heldInCollection, type ReviewItem, type ReviewKind } from '../../review';
import { findActivities } from '../activities';
import { volunteerCardsOf } from '../volunteers';
import { heldNoteVersion, moderateSignupNote } from './commands/moderate-note';
import { Signup, type SignupDoc } from './model';

const HELD = { noteHeld: true };
/** Held notes with their activity and the volunteer's masked name (two batched reads, not one per note). */
async function items(rows: SignupDoc[]): Promise<ReviewItem[]> {
  const [activities, volunteers] = await Promise.all([
    findActivities(rows.map((s) => s.activity)),
    volunteerCardsOf(rows.map((s) => s.user)),
  ]);
  const activityById = new Map(activities.map((a) => [String(a._id), a]));
  const volunteerByUser = new Map(volunteers.map((v) => [String(v.user), v]));
  return rows.map((s) => {
    const a = activityById.get(String(s.activity));
    const v = volunteerByUser.get(String(s.user));
    return {
      id: String(s._id),
      version: heldNoteVersion(s),
      state: '报名备注',
      title: a?.title ?? '',
      text: s.note,
      author: { nameMasked: v?.nameMasked ?? '' },
      context: [
        { label: '团队', value: a?.teamName ?? '' },
        { label: '活动编号', value: String(s.activity) },
      ],
      heldAt: s.createdAt,
    };
  });
}

/** Signup notes the content check held: not shown to the organisers until approved. */
export const signupNoteReviewKind: ReviewKind = {
  name: 'signup-note',
  label: '报名备注',
  approvedHint: '已通过，报名团队可以看到这条备注',
  ...heldInCollection(Signup, HELD, { createdAt: 1, _id: 1 }, items),
  async decide(deps, actor, id, decision) {
    const r = await moderateSignupNote(deps, actor, id, decision);
    if (!('signup' in r)) return r;
    const { signup, ...applied } = r;
    return { ...applied, result: { note: signup.note, status: signup.status } };
  },
};
