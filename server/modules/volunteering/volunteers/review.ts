import { heldInCollection, type ReviewItem, type ReviewKind } from '../../review';
import { heldIntroVersion, moderateIntro } from './commands/intro';
import { Volunteer, type VolunteerDoc } from './model';
import { presentIntroReview } from './presenter';

const HELD = { 'heldIntro.at': { $exists: true } };

const item = (v: VolunteerDoc): ReviewItem => ({
  id: String(v.user),
  version: heldIntroVersion(v),
  state: '个人简介',
  title: `${v.nameMasked} · ${v.volunteerNo}`,
  text: v.heldIntro?.text ?? '',
  previous: v.intro || null,
  author: { nameMasked: v.nameMasked },
  context: [{ label: '志愿者编号', value: v.volunteerNo }],
  heldAt: v.heldIntro?.at ?? v.createdAt,
});

/** Volunteer intros the content check held (the item id is the volunteer's user id). */
export const introReviewKind: ReviewKind = {
  name: 'volunteer-intro',
  label: '志愿者简介',
  approvedHint: '已通过，内容已公开',
  ...heldInCollection(Volunteer, HELD, { 'heldIntro.at': 1, _id: 1 }, (rows) => rows.map(item)),
  async decide(deps, actor, id, decision) {
    const r = await moderateIntro(deps, actor, id, decision);
    if (!('volunteer' in r)) return r;
    const { volunteer, ...applied } = r;
    return { ...applied, result: { intro: volunteer.intro, introReview: presentIntroReview(volunteer) } };
  },
};
