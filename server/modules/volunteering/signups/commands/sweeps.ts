import type { Types } from 'mongoose';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/signups';
import type { AppDeps } from '../../../../deps';
import { cancelledActivitiesNotOver, findActivity } from '../../activities';
import { recordNoShowEvent } from '../../volunteers';
import { Signup, type SignupDoc } from '../model';
import { shanghaiTime, type VolunteeringMessage } from '../notify';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { activityCancelledMessage, releaseActivitySignups } from './release-cancelled';
import { appLinks } from '@shared/links';

/** A confirmed volunteer who never checked in is a no-show once the shift ended this long ago. */
export const NO_SHOW_GRACE_MS = 30 * 60_000;

/**
 * Sends one reminder per confirmed signup whose reminder is due (remindAt,
 * set at signup from the activity's lead time) and whose shift has not
 * started. Each signup is claimed with a conditional set of reminderSentAt, so
 * overlapping sweeps (several processes) send it once.
 */
export async function sendDueReminders(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const due = await Signup.find(
    { status: 'confirmed', remindAt: { $lte: now }, reminderSentAt: { $exists: false }, start: { $gt: now } },
    { _id: 1 },
  )
    .limit(500)
    .lean();
  let sent = 0;
  for (const { _id } of due) {
    // The claim and the reminder's event commit together: a crash never loses a claimed reminder.
    const claimed = await inUnitOfWork(deps, async (uow) => {
      const s = await Signup.findOneAndUpdate(
        { _id, status: 'confirmed', reminderSentAt: { $exists: false } },
        { $set: { reminderSentAt: now } },
        { returnDocument: 'after' },
      ).lean<SignupDoc>();
      if (!s) return false;
      const activity = await findActivity(s.activity);
      const message: VolunteeringMessage = {
        users: [String(s.user)],
        template: 'activityReminder',
        title: '活动即将开始',
        body: `「${activity?.title ?? ''}」将于 ${shanghaiTime(s.start)} 开始，地点：${activity?.address ?? ''}`,
        data: {
          thing1: (activity?.title ?? '').slice(0, 20),
          time2: shanghaiTime(s.start),
          thing3: (activity?.address ?? '').slice(0, 20),
        },
        link: appLinks.activity(String(s.activity)),
        key: `signup:${String(s._id)}:reminder`,
      };
      uow.emit({ type: 'signup.reminded', aggregate: `signup:${String(s._id)}`, payload: { signupId: String(s._id), message } });
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

/**
 * Marks confirmed signups of ended shifts (with on-site check-in required)
 * that never checked in as no_show and records the event once.
 */
export async function markNoShows(deps: AppDeps, where: { shift?: Types.ObjectId } = {}): Promise<number> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - NO_SHOW_GRACE_MS);
  const candidates = await Signup.find(
    { ...where, status: 'confirmed', checkinAt: { $exists: false }, end: { $lte: cutoff } },
    { _id: 1, activity: 1 },
  )
    .limit(500)
    .lean();
  let marked = 0;
  const checkinRequired = new Map<string, boolean>();
  for (const c of candidates) {
    const key = String(c.activity);
    if (!checkinRequired.has(key)) {
      const a = await findActivity(c.activity);
      checkinRequired.set(key, a?.checkinRequired ?? false);
    }
    if (!checkinRequired.get(key)) continue;
    // The status and the volunteer's no-show record commit together (and once).
    const done = await inUnitOfWork(deps, async (uow) => {
      const s = await Signup.findOneAndUpdate(
        { _id: c._id, status: 'confirmed', checkinAt: { $exists: false } },
        { $set: { status: 'no_show' } },
        { returnDocument: 'after' },
      ).lean<SignupDoc>();
      if (!s) return false;
      await recordNoShowEvent({ user: s.user, kind: 'no_show', at: s.end, activity: s.activity, signup: s._id, team: s.team });
      uow.emit({
        type: 'signup.no_show',
        aggregate: `signup:${String(s._id)}`,
        payload: { signupId: String(s._id), userId: String(s.user), shiftId: String(s.shift) },
      });
      return true;
    });
    if (done) marked += 1;
  }
  return marked;
}

/**
 * Reconciles signups that raced an activity's cancellation: a signup that read the activity
 * as published just before it was cancelled can be written after the cancellation released
 * everyone. Such signups of upcoming cancelled activities are released here exactly as the
 * cancellation does (status activity_cancelled, time slot freed, the same notification key, so
 * nobody is told twice) and the shifts' counters are zeroed again.
 */
export async function releaseSignupsOfCancelledActivities(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const cancelled = await cancelledActivitiesNotOver(now, 500);
  if (cancelled.length === 0) return 0;
  // One query finds the few cancelled activities that still hold active signups (usually none).
  const racing = new Set(
    (
      await Signup.distinct('activity', {
        activity: { $in: cancelled.map((a) => a._id) },
        status: { $in: [...ACTIVE_SIGNUP_STATUSES] },
      })
    ).map(String),
  );
  let released = 0;
  for (const a of cancelled.filter((c) => racing.has(String(c._id)))) {
    const reason = a.cancelReason ?? '活动已取消';
    // The release and its `signups.released` event (the volunteers' message under the
    // cancellation's key, the list caches) commit together.
    released += await inUnitOfWork(deps, async (uow) => {
      const r = await releaseActivitySignups(a._id, reason, now);
      if (r.released > 0) {
        uow.emit({
          type: 'signups.released',
          aggregate: `activity:${String(a._id)}`,
          payload: { activityId: String(a._id), released: r.released, message: activityCancelledMessage(a, reason, r.users) },
        });
      }
      return r.released;
    });
  }
  return released;
}
