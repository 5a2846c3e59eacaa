import { Types, type QueryFilter } from 'mongoose';
import type { TActivityModerationInput } from '@shared/schemas/volunteering/activities';
import { appLinks } from '@shared/links';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { recordAudit } from '../../../audit/record';
import { User } from '../../../users/model';
import { notifyVolunteers } from '../../signups/notify';
import type { Refusal } from '../../signups/outcome';
import { TeamMembership } from '../../teams/model';
import { Activity, type ActivityDoc } from '../model';

/** Content waiting for a district admin: new activities under review, and held edits. */
export const HELD_FILTER: QueryFilter<ActivityDoc> = {
  $or: [{ status: 'under_review' as const }, { 'heldEdit.at': { $exists: true } }],
};

export type ModerateResult =
  | { outcome: 'published' | 'rejected' | 'edit_applied' | 'edit_discarded'; activity: ActivityDoc }
  | Refusal<'not_found' | 'nothing_held'>;

/** The team's admins: active admin members and holders of the team-scoped role grant. */
export async function teamAdminIds(teamId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const [members, staff] = await Promise.all([
    TeamMembership.find({ team: teamId, status: 'active', role: 'admin' }, { user: 1 }).lean(),
    User.find({ roles: { $elemMatch: { role: 'team_admin', scopeId: String(teamId) } } }, { _id: 1 }).lean(),
  ]);
  const ids = [...members.map((m) => m.user), ...staff.map((u) => u._id as Types.ObjectId)];
  return [...new Map(ids.map((id) => [String(id), id])).values()];
}

/**
 * A district admin decides held content. For an activity under review:
 * approve → published, reject → rejected (with the reason). For a held edit
 * of a published activity: approve → the held fields apply, reject → they are
 * dropped and the public version stays. Each move is one guarded update, so
 * two moderators cannot both decide; audited with the actor; the team's
 * admins are told the result.
 */
export async function moderateActivity(
  deps: AppDeps,
  actor: Actor,
  activityId: string,
  input: TActivityModerationInput,
  requestId?: string,
): Promise<ModerateResult> {
  const now = deps.now();
  const current = await Activity.findById(activityId).lean<ActivityDoc>();
  if (!current) return { outcome: 'not_found' };
  const approve = input.decision === 'approve';
  const review = { decision: input.decision, reason: input.reason ?? '', by: new Types.ObjectId(actor.userId), at: now };

  let updated: ActivityDoc | null = null;
  let outcome: 'published' | 'rejected' | 'edit_applied' | 'edit_discarded';
  if (current.status === 'under_review') {
    outcome = approve ? 'published' : 'rejected';
    updated = await Activity.findOneAndUpdate(
      { _id: current._id, status: 'under_review' },
      { $set: { status: outcome, review }, $unset: { heldEdit: 1 } },
      { returnDocument: 'after' },
    ).lean<ActivityDoc>();
  } else if (current.heldEdit?.at) {
    outcome = approve ? 'edit_applied' : 'edit_discarded';
    const apply: Record<string, unknown> = {};
    if (approve) {
      for (const k of ['title', 'description', 'coverUrl'] as const) {
        if (current.heldEdit[k] !== undefined) apply[k] = current.heldEdit[k];
      }
    }
    // Guarded on the exact held edit we read: a newer edit held meanwhile is not decided blind.
    updated = await Activity.findOneAndUpdate(
      { _id: current._id, 'heldEdit.at': current.heldEdit.at },
      { $set: { ...apply, review }, $unset: { heldEdit: 1 } },
      { returnDocument: 'after' },
    ).lean<ActivityDoc>();
  } else {
    return { outcome: 'nothing_held' };
  }
  if (!updated) return { outcome: 'nothing_held' };

  await recordAudit({
    actor,
    action: `volunteering.activity.moderation.${outcome}`,
    target: { type: 'activity', id: String(current._id) },
    before: { status: current.status, heldEdit: current.heldEdit ? { ...current.heldEdit, by: String(current.heldEdit.by) } : undefined },
    after: { status: updated.status, decision: input.decision, reason: input.reason },
    requestId,
    at: now,
  });
  const what = current.status === 'under_review' ? '活动' : '活动修改';
  await notifyVolunteers(deps, {
    users: await teamAdminIds(current.team),
    template: 'signupResult',
    title: approve ? `${what}已通过审核` : `${what}未通过审核`,
    body: approve ? `「${updated.title}」${current.status === 'under_review' ? '已发布' : '的修改已生效'}` : `「${current.title}」：${input.reason ?? ''}`,
    link: appLinks.activity(String(current._id)),
    key: `activity:${String(current._id)}:moderation:${now.getTime()}`,
  });
  return { outcome, activity: updated };
}
