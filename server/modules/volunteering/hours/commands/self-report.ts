import { Types } from 'mongoose';
import type { TSelfReportBody } from '@shared/schemas/volunteering/hours';
import { fail } from '../../../../http/errors';
import { Activity } from '../../activities/model';
import { Signup } from '../../signups/model';
import { roundServiceMinutes } from '../compute';
import type { HoursEntryDoc } from '../model';
import { recordHoursEntry } from './record-entry';

/**
 * A volunteer reports their own time for an activity without on-site check-in
 * (e.g. phone counselling). Allowed once per shift, after the shift has started, only with
 * a confirmed place; capped at the shift's length and rounded by the same rule as
 * check-in time; waits for the team's approval like any other pending entry.
 */
export async function selfReportHours(input: {
  userId: string;
  activityId: string;
  body: TSelfReportBody;
  now: Date;
}): Promise<{ outcome: 'reported'; entry: HoursEntryDoc }> {
  const activity = await Activity.findById(input.activityId).lean();
  if (!activity) throw fail('not_found', '活动不存在');
  if (activity.checkinRequired) throw fail('self_report_not_allowed');
  if (activity.status === 'cancelled') throw fail('activity_not_open');
  const signup = await Signup.findOne({
    activity: activity._id,
    shift: new Types.ObjectId(input.body.shiftId),
    user: new Types.ObjectId(input.userId),
    status: 'confirmed',
  }).lean();
  if (!signup) throw fail('checkin_not_signed_up');
  if (input.now < signup.start) throw fail('checkin_closed', '班次尚未开始，开始后才能申报时长');
  const shiftMinutes = Math.floor((signup.end.getTime() - signup.start.getTime()) / 60_000);
  const minutes = roundServiceMinutes(Math.min(input.body.minutes, shiftMinutes));
  const user = new Types.ObjectId(input.userId);
  const recorded = await recordHoursEntry({
    user,
    team: activity.team,
    activity: activity._id,
    shift: signup.shift,
    signup: signup._id,
    activityTitle: activity.title,
    serviceDate: signup.start,
    minutes,
    source: 'self_report',
    status: 'pending',
    dedupeKey: `self:${input.userId}:${String(signup.shift)}`,
    note: input.body.note,
    createdBy: user,
    at: input.now,
  });
  if (recorded.outcome === 'duplicate') throw fail('hours_already_reported');
  return { outcome: 'reported', entry: recorded.entry };
}
