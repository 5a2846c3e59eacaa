import type { Refusal } from '../../../../platform/outcome';
import { Types } from 'mongoose';
import type { TSignupOutcome } from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../../deps';
import { batchLoader } from '../../../../http/batch-loader';
import { findActivities, shiftsByIds, type ActivityDoc, type ShiftDoc } from '../../activities';
import { registeredUsers } from '../../volunteers';
import type { SignupDoc } from '../model';
import type { NewEvent } from '../../../../platform/outbox/event';
import type { VolunteeringMessage } from '../notify';
import {
  activeKeyOf,
  claimSlot,
  fillFreePlacesShared,
  freePlace,
  isDuplicateKey,
  leaveWaitlist,
  placeOrQueue,
  releaseSlot,
} from './placement';
import { insertSignup } from './insert';
import { emitOffers } from './offers';
import { appLinks } from '@shared/links';

export type SignupResult =
  | { outcome: TSignupOutcome; signup: SignupDoc; activity: ActivityDoc; ahead: number | null }
  | Refusal<'not_found' | 'not_volunteer' | 'activity_not_open' | 'closed' | 'already_signed_up' | 'overlap'>;

// A burst of signups (usually for the same few shifts) reads shifts, activities and volunteer
// records in one query per event-loop turn; every signup still reads them after it arrived.
const validIds = (ids: string[]) => ids.filter((id) => Types.ObjectId.isValid(id));
const shiftById = batchLoader(async (ids) => {
  const rows = await shiftsByIds(validIds(ids).map((id) => new Types.ObjectId(id)));
  return rows.map((s): [string, ShiftDoc] => [String(s._id), s]);
});
const activityById = batchLoader(async (ids) => {
  const rows = await findActivities(validIds(ids));
  return rows.map((a): [string, ActivityDoc] => [String(a._id), a]);
});
const volunteerOf = batchLoader(async (users) => {
  return (await registeredUsers(users)).map((user): [string, true] => [user, true]);
});

/** The event a new signup row stands for; a confirmed one carries the 报名成功 message. */
function signupEvent(row: SignupDoc, activity: ActivityDoc): NewEvent {
  const ids = { signupId: String(row._id), userId: String(row.user), shiftId: String(row.shift), activityId: String(activity._id) };
  if (row.status !== 'confirmed') {
    const type = row.status === 'pending_approval' ? 'signup.requested' : `signup.${row.status}`;
    return { type, aggregate: `signup:${ids.signupId}`, payload: ids };
  }
  const message: VolunteeringMessage = {
    users: [String(row.user)],
    template: 'signupResult',
    title: '报名成功',
    body: `您已成功报名「${activity.title}」`,
    link: appLinks.activity(String(activity._id)),
    key: `signup:${ids.signupId}:confirmed`,
  };
  return { type: 'signup.confirmed', aggregate: `signup:${ids.signupId}`, payload: { ...ids, message } };
}

/**
 * A volunteer signs up for one shift. Outcomes: confirmed (a place was free
 * and nobody waits), pending_approval (same, but the activity needs approval),
 * waitlisted (full: queued in arrival order), offered (queued, and a place
 * freed up at once); or refused: closed, overlap, already_signed_up, ...
 */
export async function signupForShift(
  deps: AppDeps,
  userId: string,
  shiftId: string,
  input: { note?: string; noteHeld?: boolean },
): Promise<SignupResult> {
  const now = deps.now();
  const shift = await shiftById(shiftId);
  if (!shift) return { outcome: 'not_found' };
  const activity = await activityById(String(shift.activity));
  if (!activity) return { outcome: 'not_found' };
  if (activity.status !== 'published') return { outcome: 'activity_not_open' };
  if (now >= activity.signupDeadline || now >= shift.start) return { outcome: 'closed' };
  const user = new Types.ObjectId(userId);
  if (!(await volunteerOf(userId))) return { outcome: 'not_volunteer' };

  const claim = await claimSlot(user, shift);
  if (claim === 'same_shift') return { outcome: 'already_signed_up' };
  if (claim === 'overlap') return { outcome: 'overlap' };

  let status: SignupDoc['status'];
  let waitPos: number | undefined;
  let ahead: number | null = null;
  const placement = await placeOrQueue(shift._id);
  if (!placement) {
    await releaseSlot(user, shift._id);
    return { outcome: 'not_found' };
  }
  if (placement.placed) {
    status = activity.requiresApproval ? 'pending_approval' : 'confirmed';
  } else {
    ({ waitPos, ahead } = placement);
    status = 'waitlisted';
  }

  let signup: SignupDoc;
  try {
    signup = await insertSignup(deps, {
      shift: shift._id,
      activity: activity._id,
      team: activity.team,
      user,
      status,
      activeKey: activeKeyOf(shift._id, user),
      waitPos,
      start: shift.start,
      end: shift.end,
      note: input.note ?? '',
      ...(input.noteHeld ? { noteHeld: true } : {}),
      confirmedAt: status === 'confirmed' ? now : undefined,
      remindAt: new Date(shift.start.getTime() - (activity.reminderLeadMinutes ?? 120) * 60_000),
    }, (row) => [signupEvent(row, activity)]);
  } catch (err) {
    // Undo the counters so the shift stays consistent, then report.
    if (status === 'waitlisted') await leaveWaitlist(shift._id);
    else await freePlace(shift._id);
    if (isDuplicateKey(err)) return { outcome: 'already_signed_up' };
    await releaseSlot(user, shift._id);
    throw err;
  }

  if (status === 'waitlisted') {
    // A place may have been freed while we queued: a cancel that ran between
    // our queueing and our insert found nobody to offer it to. Always
    // looking again here (one guarded update when full) closes that gap.
    const { offered, first } = await fillFreePlacesShared(shift._id, now, shift);
    if (first) await emitOffers(deps, offered, activity);
    const mine = offered.find((s) => String(s._id) === String(signup._id));
    if (mine) return { outcome: 'offered', signup: mine, activity, ahead: null };
    return { outcome: 'waitlisted', signup, activity, ahead };
  }
  return { outcome: status, signup, activity, ahead: null };
}
