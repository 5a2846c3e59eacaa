import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import { fail } from '../../../../http/errors';
import { recordAudit } from '../../../audit/record';
import { notify } from '../../../notifications';
import { Team } from '../../../org/model';
import { Activity } from '../../activities/model';
import { HelpRequest, type HelpRequestDoc } from '../model';
import { appLinks } from '@shared/links';

/** A certified team takes a published request up; one conditional update, so only one team gets it. */
export async function takeUpHelpRequest(
  deps: AppDeps,
  input: { id: string; teamId: string; actor: Actor; requestId?: string },
): Promise<{ outcome: 'taken'; request: HelpRequestDoc }> {
  const team = await Team.findById(input.teamId, { name: 1, status: 1 }).lean();
  if (!team) throw fail('not_found', '团队不存在');
  if (team.status !== 'certified') throw fail('team_not_certified');
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
    if (!(await HelpRequest.exists({ _id: new Types.ObjectId(input.id) }))) throw fail('not_found', '求助不存在');
    throw fail('help_request_state_invalid', '该求助已被其他团队响应或已关闭');
  }
  await recordAudit({
    actor: input.actor,
    action: 'help_request.take',
    target: { type: 'help_request', id: input.id },
    after: { team: input.teamId },
    requestId: input.requestId,
    at,
  });
  await notify(deps, String(updated.author), {
    title: '您的求助有团队响应了',
    body: `${team.name} 已响应您的求助，将与您联系安排。`,
    link: appLinks.helpRequest(input.id),
    dedupeKey: `help_take:${input.id}`,
  });
  return { outcome: 'taken', request: updated };
}

/** Links the activity the team published for a request it took up (same team only). */
export async function convertHelpRequest(
  deps: AppDeps,
  input: { request: HelpRequestDoc; activityId: string; actor: Actor; requestId?: string },
): Promise<{ outcome: 'converted'; request: HelpRequestDoc }> {
  const teamId = input.request.takenBy?.team;
  const activity = await Activity.findById(input.activityId, { team: 1 }).lean();
  if (!activity) throw fail('not_found', '活动不存在');
  if (!teamId || String(activity.team) !== String(teamId)) throw fail('forbidden', '只能关联本团队发布的活动');
  const updated = await HelpRequest.findOneAndUpdate(
    { _id: input.request._id, status: 'taken', 'takenBy.team': teamId },
    { $set: { status: 'converted', activity: activity._id } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw fail('help_request_state_invalid');
  await recordAudit({
    actor: input.actor,
    action: 'help_request.convert',
    target: { type: 'help_request', id: String(input.request._id) },
    after: { activity: input.activityId },
    requestId: input.requestId,
    at: deps.now(),
  });
  return { outcome: 'converted', request: updated };
}
