import { Types } from 'mongoose';
import type { TTeamApplyInput, TTeamReviewInput } from '@shared/schemas/volunteering/teams';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { createPendingTeam, decidePendingTeam, type TeamDoc } from '../../../org';
import { grantRoleOnce } from '../../../users';
import type { VolunteeringMessage } from '../../signups';
import type { Refusal } from '../../../../platform/outcome';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { TeamMembership, TeamProfile, type TeamProfileDoc } from '../model';
import { appLinks } from '@shared/links';

/**
 * A resident applies to create a team: a pending org Team plus its volunteering profile and the
 * `team.applied` event, in one unit of work, so no half-made application is ever left behind.
 */
export function applyForTeam(
  deps: AppDeps,
  userId: string,
  input: TTeamApplyInput,
  contentFlag: 'pass' | 'review' = 'pass',
): Promise<{ team: TeamDoc; profile: TeamProfileDoc }> {
  return inUnitOfWork(deps, async (uow) => {
    const team = await createPendingTeam({
      name: input.name,
      hostOrg: input.hostOrg,
      serviceArea: input.serviceArea,
      location: { type: 'Point', coordinates: [input.location.lng, input.location.lat] },
      contact: { name: input.contactName, phone: input.contactPhone },
    });
    // Arrays: create() with one document per call, each joining the transaction.
    const [profile] = await TeamProfile.create([
      { team: team._id, applicant: new Types.ObjectId(userId), address: input.address, intro: input.intro, contentFlag },
    ]);
    uow.emit({
      type: 'team.applied',
      aggregate: `team:${String(team._id)}`,
      payload: { teamId: String(team._id), applicantId: userId, contentFlag },
    });
    return { team, profile: profile.toObject<TeamProfileDoc>() };
  });
}

export type ReviewResult = { outcome: 'certified' | 'rejected'; team: TeamDoc } | Refusal<'not_found' | 'already_reviewed'>;

/**
 * A district admin certifies or rejects a pending team (audited). On
 * certification the applicant becomes the team's first admin: an active admin
 * membership and a team_admin role scoped to the team. All of it and the
 * `team.certified` / `team.rejected` event (the audit entry, the applicant's
 * message) commit in one unit of work.
 */
export function reviewTeam(
  deps: AppDeps,
  actor: Actor,
  teamId: string,
  input: TTeamReviewInput,
  requestId?: string,
): Promise<ReviewResult> {
  const now = deps.now();
  const status = input.decision === 'certify' ? 'certified' : 'rejected';
  return inUnitOfWork(deps, async (uow): Promise<ReviewResult> => {
    const decided = await decidePendingTeam(teamId, status);
    if (!('team' in decided)) return decided;
    const { team } = decided;
    const profile = await TeamProfile.findOneAndUpdate(
      { team: team._id },
      {
        $set: {
          reviewedBy: new Types.ObjectId(actor.userId),
          reviewedAt: now,
          rejectReason: status === 'rejected' ? input.reason : undefined,
        },
        $setOnInsert: { team: team._id },
      },
      { upsert: true, returnDocument: 'after' },
    ).lean<TeamProfileDoc>();
    const applicant = profile?.applicant;
    if (status === 'certified' && applicant) {
      await TeamMembership.updateOne(
        { team: team._id, user: applicant },
        { $set: { role: 'admin', status: 'active', decidedBy: new Types.ObjectId(actor.userId), decidedAt: now } },
        { upsert: true },
      );
      await TeamProfile.updateOne({ team: team._id }, { $set: { memberCount: 1 } });
      await grantRoleOnce(applicant, { role: 'team_admin', scopeType: 'team', scopeId: String(team._id) });
    }
    const message: VolunteeringMessage | undefined = applicant
      ? {
          users: [applicant],
          template: 'signupResult',
          title: status === 'certified' ? '团队认证通过' : '团队认证未通过',
          body:
            status === 'certified' ? `「${team.name}」已通过认证` : `「${team.name}」未通过认证：${input.reason ?? ''}`,
          link: appLinks.team(String(team._id)),
          key: `team:${String(team._id)}:${status}`,
        }
      : undefined;
    uow.emit({
      type: `team.${status}`,
      aggregate: `team:${String(team._id)}`,
      payload: { teamId: String(team._id), ...(message ? { message } : {}) },
      audit: {
        actor: auditActor(actor),
        action: `volunteering.team.${status}`,
        target: { type: 'team', id: String(team._id) },
        before: { status: 'pending' },
        after: { status, reason: input.reason },
        requestId,
      },
    });
    return { outcome: status, team };
  });
}
