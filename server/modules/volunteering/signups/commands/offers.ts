import type { Refusal } from '../../../../platform/outcome';
import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import { Activity, type ActivityDoc } from '../../activities';
import { Signup, type SignupDoc } from '../model';
import type { NewEvent } from '../../../../platform/outbox/event';
import { notifyVolunteers, shanghaiTime, type VolunteeringMessage } from '../notify';
import { fillFreePlaces, freePlace, releaseSlot } from './placement';
import { appLinks } from '@shared/links';

const offerMessage = (s: SignupDoc, activity: Pick<ActivityDoc, '_id' | 'title'>): VolunteeringMessage => ({
  users: [String(s.user)],
  template: 'waitlistOffer',
  title: '候补名额待确认',
  body: `「${activity.title}」有空余名额，请在 ${s.offerExpiresAt ? shanghaiTime(s.offerExpiresAt) : ''} 前确认`,
  link: appLinks.mySignups(String(s._id)),
  key: `signup:${String(s._id)}:offer`,
});

/** `signup.offered` for each signup offered a place, carrying the 候补名额待确认 message. */
export const offerEvents = (offered: SignupDoc[], activity: Pick<ActivityDoc, '_id' | 'title'>): NewEvent[] =>
  offered.map((s) => ({
    type: 'signup.offered',
    aggregate: `signup:${String(s._id)}`,
    payload: { signupId: String(s._id), userId: String(s.user), shiftId: String(s.shift), message: offerMessage(s, activity) },
  }));

/** For callers outside a unit of work (the batched signup path, sweeps): the messages at once. */
export async function notifyOffers(
  deps: AppDeps,
  offered: SignupDoc[],
  activity: Pick<ActivityDoc, '_id' | 'title'>,
): Promise<void> {
  for (const s of offered) await notifyVolunteers(deps, offerMessage(s, activity));
}

export type AcceptOfferResult =
  | { outcome: 'confirmed' | 'pending_approval'; signup: SignupDoc }
  | Refusal<'not_found' | 'expired' | 'not_offered'>;

/** The waitlisted volunteer accepts the place held for them, before the hold ends. */
export async function acceptOffer(deps: AppDeps, userId: string, signupId: string): Promise<AcceptOfferResult> {
  const now = deps.now();
  const current = await Signup.findOne({ _id: signupId, user: userId }).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  const activity = await Activity.findById(current.activity, { requiresApproval: 1, title: 1 }).lean<ActivityDoc>();
  const next = activity?.requiresApproval ? 'pending_approval' : 'confirmed';
  const updated = await Signup.findOneAndUpdate(
    { _id: current._id, status: 'offered', offerExpiresAt: { $gt: now } },
    { $set: { status: next, confirmedAt: now }, $unset: { offerExpiresAt: 1 } },
    { returnDocument: 'after' },
  ).lean<SignupDoc>();
  if (updated) return { outcome: next, signup: updated };
  if (current.status === 'offered') {
    await expireOffers(deps, { shift: current.shift });
    return { outcome: 'expired' };
  }
  return { outcome: current.status === 'offer_expired' ? 'expired' : 'not_offered' };
}

/**
 * Passes on every offer whose hold window has ended: the signup becomes
 * offer_expired (one conditional update, so two sweepers never both release
 * it), its place goes to the next in line. Called by the scheduler sweep and
 * lazily when offers are read.
 */
export async function expireOffers(
  deps: AppDeps,
  where: { shift?: Types.ObjectId; activity?: Types.ObjectId; user?: Types.ObjectId } = {},
): Promise<number> {
  const now = deps.now();
  const due = await Signup.find(
    { ...where, status: 'offered', offerExpiresAt: { $lte: now } },
    { _id: 1 },
  )
    .limit(200)
    .lean();
  let expired = 0;
  const shifts = new Map<string, Types.ObjectId>();
  for (const { _id } of due) {
    const s = await Signup.findOneAndUpdate(
      { _id, status: 'offered', offerExpiresAt: { $lte: now } },
      { $set: { status: 'offer_expired' }, $unset: { activeKey: 1 } },
      { returnDocument: 'after' },
    ).lean<SignupDoc>();
    if (!s) continue;
    expired += 1;
    await freePlace(s.shift);
    await releaseSlot(s.user, s.shift);
    shifts.set(String(s.shift), s.shift);
  }
  for (const shiftId of shifts.values()) {
    const offered = await fillFreePlaces(shiftId, now);
    if (offered.length) {
      const activity = await Activity.findById(offered[0].activity, { title: 1 }).lean<ActivityDoc>();
      if (activity) await notifyOffers(deps, offered, activity);
    }
  }
  return expired;
}
