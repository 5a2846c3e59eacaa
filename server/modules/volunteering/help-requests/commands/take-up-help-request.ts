import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import type { Notice } from '../../../notifications';
import { teamBrief } from '../../../org';
import { findActivity } from '../../activities';
import { HelpRequest, type HelpRequestDoc } from '../model';
import { appLinks } from '@shared/links';

type TakeUpResult =
  | { outcome: 'taken'; request: HelpRequestDoc }
  | Refusal<'team_not_found' | 'team_not_certified' | 'not_found' | 'not_open'>;

/**
 * A certified team takes a published request up; one conditional update, so only one team gets
 * it. The move and its `help_request.taken` event (audit entry, the author's message) commit
 * in one unit of work.
 */
export function takeUpHelpRequest(
  deps: AppDeps,
  input: { id: string; teamId: string; actor: Actor; requestId?: string },
): Promise<TakeUpResult> {
  return inUnitOfWork(deps, async (uow): Promise<TakeUpResult> => {
    const team = await teamBrief(input.teamId);
    if (!team) return { outcome: 'team_not_found' };
    if (team.status !== 'certified') return { outcome: 'team_not_certified' };
    const at = deps.now();
    const updated = await HelpRequest.findOneAndUpdate(
      { _id: new Types.ObjectId(input.id), status: 'published' },
      {
        $set: {
          status: 'taken',
          takenBy: { team: team._id, teamName: team.name, by: new Types.ObjectId(input.actor.userId), at },
        },
      },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) {
      return { outcome: (await HelpRequest.exists({ _id: new Types.ObjectId(input.id) })) ? 'not_open' : 'not_found' };
    }
    const notice: Notice = {
      user: String(updated.author),
      title: '您的求助有团队响应了',
      body: `${team.name} 已响应您的求助，将与您联系安排。`,
      link: appLinks.helpRequest(input.id),
      dedupeKey: `help_take:${input.id}`,
    };
    uow.emit({
      type: 'help_request.taken',
      aggregate: `help_request:${input.id}`,
      payload: { id: input.id, teamId: input.teamId, notices: [notice] },
      audit: {
        actor: auditActor(input.actor),
        action: 'help_request.take',
        target: { type: 'help_request', id: input.id },
        after: { team: input.teamId },
        requestId: input.requestId,
      },
    });
    return { outcome: 'taken', request: updated };
  });
}

type ConvertResult =
  { outcome: 'converted'; request: HelpRequestDoc } | Refusal<'activity_not_found' | 'other_team' | 'not_taken'>;

/** Links the activity the team published for a request it took up (same team only); audited through its event. */
export function convertHelpRequest(
  deps: AppDeps,
  input: { request: HelpRequestDoc; activityId: string; actor: Actor; requestId?: string },
): Promise<ConvertResult> {
  return inUnitOfWork(deps, async (uow): Promise<ConvertResult> => {
    const teamId = input.request.takenBy?.team;
    const activity = await findActivity(input.activityId);
    if (!activity) return { outcome: 'activity_not_found' };
    if (!teamId || String(activity.team) !== String(teamId)) return { outcome: 'other_team' };
    const updated = await HelpRequest.findOneAndUpdate(
      { _id: input.request._id, status: 'taken', 'takenBy.team': teamId },
      { $set: { status: 'converted', activity: activity._id } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) return { outcome: 'not_taken' };
    uow.emit({
      type: 'help_request.converted',
      aggregate: `help_request:${String(input.request._id)}`,
      payload: { id: String(input.request._id), activityId: input.activityId },
      audit: {
        actor: auditActor(input.actor),
        action: 'help_request.convert',
        target: { type: 'help_request', id: String(input.request._id) },
        after: { activity: input.activityId },
        requestId: input.requestId,
      },
    });
    return { outcome: 'converted', request: updated };
  });
}
