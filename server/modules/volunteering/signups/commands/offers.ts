import type { Refusal } from '../../../../platform/outcome';
import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import { findActivity, type ActivityDoc, type ShiftDoc } from '../../activities';
import { Signup, type SignupDoc } from '../model';
import type { NewEvent } from '../../../../platform/outbox/event';
import { shanghaiTime, type VolunteeringMessage } from '../notify';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
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

/**
 * Fills the shift's free places from its waitlist with their `signup.offered` events, in the
 * caller's unit of work or one of its own: an offer and its message commit together.
 */
export function offerFreePlaces(
  deps: AppDeps,
  shiftId: Types.ObjectId,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  known?: Pick<ShiftDoc, 'start'>,
): Promise<SignupDoc[]> {
  return inUnitOfWork(deps, async (uow) => {
    const offered = await fillFreePlaces(shiftId, deps.now(), known);
    for (const e of offerEvents(offered, activity)) uow.emit(e);
    return offered;
  });
}

/**
 * The batched signup path fills places outside a transaction (per-turn batching, see
 * signup.ts); the offers it made get their events in a unit of work of their own right after.
 * Only a crash between the two loses the messages (never a place: the offer itself is written).
 */
export async function emitOffers(
  deps: AppDeps,
  offered: SignupDoc[],
  activity: Pick<ActivityDoc, '_id' | 'title'>,
): Promise<void> {
  if (offered.length === 0) return;
  await inUnitOfWork(deps, async (uow) => {
    for (const e of offerEvents(offered, activity)) uow.emit(e);
  });
}

export type AcceptOfferResult =
  | { outcome: 'confirmed' | 'pending_approval'; signup: SignupDoc }
  | Refusal<'not_found' | 'expired' | 'not_offered'>;

/** The waitlisted volunteer accepts the place held for them, before the hold ends. */
export async function acceptOffer(deps: AppDeps, userId: string, signupId: string): Promise<AcceptOfferResult> {
  const now = deps.now();
  const current = await Signup.findOne({ _id: signupId, user: userId }).lean<SignupDoc>();
  if (!current) return { outcome: 'not_found' };
  const activity = await findActivity(current.activity);
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
    { _id: 1, activity: 1 },
  )
    .limit(200)
    .lean();
  let expired = 0;
  const titles = new Map<string, Pick<ActivityDoc, '_id' | 'title'>>();
  for (const { _id, activity: activityId } of due) {
    const key = String(activityId);
    if (!titles.has(key)) {
      const a = await findActivity(activityId);
      titles.set(key, a ?? { _id: activityId, title: '' });
    }
    // The expiry, the freed place offered on and the events of both commit together.
    const done = await inUnitOfWork(deps, async (uow) => {
      const s = await Signup.findOneAndUpdate(
        { _id, status: 'offered', offerExpiresAt: { $lte: now } },
        { $set: { status: 'offer_expired' }, $unset: { activeKey: 1 } },
        { returnDocument: 'after' },
      ).lean<SignupDoc>();
      if (!s) return false;
      await freePlace(s.shift);
      await releaseSlot(s.user, s.shift);
      uow.emit({
        type: 'signup.offer_expired',
        aggregate: `signup:${String(s._id)}`,
        payload: { signupId: String(s._id), userId: String(s.user), shiftId: String(s.shift) },
      });
      await offerFreePlaces(deps, s.shift, titles.get(key)!);
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}
