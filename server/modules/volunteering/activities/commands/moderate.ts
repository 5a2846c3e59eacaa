import { Types, type QueryFilter } from 'mongoose';
import { appLinks } from '@shared/links';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import type { ReviewApplied, ReviewDecision, ReviewRefused } from '../../../review';
import { usersWithRole } from '../../../users';
import { adminMemberIds } from '../../teams';
import { Activity, type ActivityDoc } from '../model';

/** Content waiting for a district admin: new activities under review, and held edits. */
export const HELD_FILTER: QueryFilter<ActivityDoc> = {
  $or: [{ status: 'under_review' as const }, { 'heldEdit.at': { $exists: true } }],
};

/** What the moderator saw: the held edit's time, or the activity's last write while it is under review. */
export const heldVersionOf = (a: ActivityDoc): string =>
  a.heldEdit?.at ? `edit:${a.heldEdit.at.toISOString()}` : `new:${(a.updatedAt ?? a.createdAt).toISOString()}`;

/** The team's admins: active admin members and holders of the team-scoped role grant. */
export async function teamAdminIds(teamId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const [members, staff] = await Promise.all([
    adminMemberIds(teamId),
    usersWithRole({ roles: ['team_admin'], scopeId: String(teamId), activeOnly: false }),
  ]);
  const ids = [...members, ...staff.map((u) => u._id)];
  return [...new Map(ids.map((id) => [String(id), id])).values()];
}

export type ModerateActivityResult =
  | (Omit<ReviewApplied, 'result'> & { outcome: 'published' | 'rejected' | 'edit_applied' | 'edit_discarded'; activity: ActivityDoc })
  | ReviewRefused;

/**
 * A district admin decides held content (through the 内容审核 queue). For an
 * activity under review: approve → published, reject → rejected (with the
 * reason). For a held edit of a published activity: approve → the held fields
 * apply, reject → they are dropped and the public version stays. Each move is
 * one update guarded on the version read, so two moderators cannot both decide
 * and a newer edit is never decided blind. The queue audits it and tells the
 * team's admins.
 */
export async function moderateActivity(
  deps: AppDeps,
  actor: Actor,
  activityId: string,
  input: ReviewDecision,
): Promise<ModerateActivityResult> {
  const now = deps.now();
  const current = await Activity.findById(activityId).lean<ActivityDoc>();
  if (!current) return { outcome: 'not_found' };
  if (current.status !== 'under_review' && !current.heldEdit?.at) return { outcome: 'nothing_held' };
  if (input.version && input.version !== heldVersionOf(current)) return { outcome: 'stale' };
  const approve = input.decision === 'approve';
  const review = { decision: input.decision, reason: input.reason, by: new Types.ObjectId(actor.userId), at: now };

  let updated: ActivityDoc | null = null;
  let outcome: 'published' | 'rejected' | 'edit_applied' | 'edit_discarded';
  if (current.status === 'under_review') {
    outcome = approve ? 'published' : 'rejected';
    updated = await Activity.findOneAndUpdate(
      { _id: current._id, status: 'under_review', updatedAt: current.updatedAt },
      { $set: { status: outcome, review }, $unset: { heldEdit: 1 } },
      { returnDocument: 'after' },
    ).lean<ActivityDoc>();
  } else {
    outcome = approve ? 'edit_applied' : 'edit_discarded';
    const apply: Record<string, unknown> = {};
    if (approve) {
      for (const k of ['title', 'description', 'coverUrl'] as const) {
        if (current.heldEdit![k] !== undefined) apply[k] = current.heldEdit![k];
      }
    }
    updated = await Activity.findOneAndUpdate(
      { _id: current._id, 'heldEdit.at': current.heldEdit!.at },
      { $set: { ...apply, review }, $unset: { heldEdit: 1 } },
      { returnDocument: 'after' },
    ).lean<ActivityDoc>();
  }
  if (!updated) return { outcome: 'nothing_held' };

  const isNew = current.status === 'under_review';
  const what = isNew ? '活动' : '活动修改';
  return {
    outcome,
    activity: updated,
    audit: {
      action: `volunteering.activity.moderation.${outcome}`,
      target: { type: 'activity', id: String(current._id) },
      before: { status: current.status, heldEdit: current.heldEdit ? { ...current.heldEdit, by: String(current.heldEdit.by) } : undefined },
      after: { status: updated.status, decision: input.decision, reason: input.reason || undefined },
    },
    tell: {
      users: (await teamAdminIds(current.team)).map(String),
      title: approve ? `${what}已通过审核` : `${what}未通过审核`,
      body: approve ? `「${updated.title}」${isNew ? '已发布' : '的修改已生效'}` : `「${current.title}」：${input.reason}`,
      link: appLinks.activity(String(current._id)),
    },
  };
}
