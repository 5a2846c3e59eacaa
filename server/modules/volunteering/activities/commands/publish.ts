import { Types } from 'mongoose';
import type { TActivityCreateInput } from '@shared/schemas/volunteering/activities';
import type { AppDeps } from '../../../../deps';
import type { TCheckOutcome } from '../../../content';
import { teamBrief } from '../../../org';
import { accountKind } from '../../../users';
import type { Refusal } from '../../../../platform/outcome';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import type { TFieldError } from '@shared/errors';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from '../model';

export type PublishResult =
  | { outcome: 'published' | 'under_review'; activity: ActivityDoc; shifts: ShiftDoc[] }
  | { outcome: 'invalid'; fields: TFieldError[] }
  | Refusal<'team_not_found' | 'team_not_certified'>;

/** A field error for every new shift that does not start after `now` (e.g. `shifts.1.start`). */
export function pastShiftFields(field: string, shifts: { start: string }[], now: Date): TFieldError[] {
  return shifts.flatMap((s, i) =>
    Date.parse(s.start) <= now.getTime() ? [{ path: `${field}.${i}.start`, message: '班次开始时间不能早于现在' }] : [],
  );
}

/**
 * A certified team's admin publishes an activity with its shifts. Content the
 * check wants a human to see ('review') is stored `under_review`: not listed,
 * closed to signups, visible to the team's admins until a district admin
 * approves it. The activity, its shifts and the audited `activity.published`
 * (or `activity.held`) event commit in one unit of work, so nothing half
 * published is ever visible.
 */
export async function publishActivity(
  deps: AppDeps,
  userId: string,
  input: TActivityCreateInput,
  content: { outcome: TCheckOutcome; coverTraceId?: string } = { outcome: 'pass' },
): Promise<PublishResult> {
  // The form refuses past shifts too, but only the server's clock is authoritative.
  const past = pastShiftFields('shifts', input.shifts, deps.now());
  if (past.length) return { outcome: 'invalid', fields: past };
  const team = await teamBrief(input.teamId);
  if (!team) return { outcome: 'team_not_found' };
  if (team.status !== 'certified') return { outcome: 'team_not_certified' };
  const shifts = input.shifts.map((s) => ({ start: new Date(s.start), end: new Date(s.end), capacity: s.capacity }));
  // Read before the transaction: who publishes (the audit entry's actor kind).
  const authorKind = await accountKind(userId);
  return inUnitOfWork(deps, async (uow): Promise<PublishResult> => {
    const activity = await Activity.create({
      team: team._id,
      teamName: team.name,
      title: input.title,
      description: input.description,
      coverUrl: input.coverUrl,
      address: input.address,
      location: { type: 'Point', coordinates: [input.location.lng, input.location.lat] },
      category: input.category,
      requiredSkills: [...new Set(input.requiredSkills)],
      signupDeadline: new Date(input.signupDeadline),
      cancelDeadline: new Date(input.cancelDeadline),
      checkinRadiusM: input.checkinRadiusM,
      requiresApproval: input.requiresApproval,
      checkinRequired: input.checkinRequired,
      reminderLeadMinutes: input.reminderLeadMinutes,
      status: content.outcome === 'pass' ? 'published' : 'under_review',
      coverTraceId: content.coverTraceId,
      startsAt: new Date(Math.min(...shifts.map((s) => s.start.getTime()))),
      endsAt: new Date(Math.max(...shifts.map((s) => s.end.getTime()))),
      createdBy: new Types.ObjectId(userId),
    });
    const created = (await Shift.insertMany(shifts.map((s) => ({ ...s, activity: activity._id, team: team._id })))).map(
      (s) => s.toObject<ShiftDoc>(),
    );
    const outcome = content.outcome === 'pass' ? 'published' : 'under_review';
    // Publication is audited like every later change: who made what public (or held), when.
    uow.emit({
      type: outcome === 'published' ? 'activity.published' : 'activity.held',
      aggregate: `activity:${String(activity._id)}`,
      payload: { activityId: String(activity._id), teamId: String(team._id) },
      audit: {
        actor: { userId, kind: authorKind ?? 'resident' },
        action: outcome === 'published' ? 'volunteering.activity.published' : 'volunteering.activity.held',
        target: { type: 'activity', id: String(activity._id) },
        after: { title: input.title, team: String(team._id), status: activity.status, shifts: created.length },
      },
    });
    return { outcome, activity: activity.toObject<ActivityDoc>(), shifts: created };
  });
}
