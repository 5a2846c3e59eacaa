import { heldInCollection, type ReviewItem, type ReviewKind } from '../../review';
import { Team, type TeamDoc } from '../../org';
import { Volunteer, type VolunteerDoc } from '../volunteers';
import { heldMessageVersion, moderateJoinMessage } from './commands/moderate-message';
import { TeamMembership, type TeamMembershipDoc } from './model';

const HELD = { heldMessage: { $exists: true } };

async function items(rows: TeamMembershipDoc[]): Promise<ReviewItem[]> {
  const [teams, volunteers] = await Promise.all([
    Team.find({ _id: { $in: rows.map((m) => m.team) } }, { name: 1 }).lean<TeamDoc[]>(),
    Volunteer.find({ user: { $in: rows.map((m) => m.user) } }, { user: 1, nameMasked: 1 }).lean<VolunteerDoc[]>(),
  ]);
  const teamById = new Map(teams.map((t) => [String(t._id), t]));
  const volunteerByUser = new Map(volunteers.map((v) => [String(v.user), v]));
  return rows.map((m) => {
    const team = teamById.get(String(m.team));
    return {
      id: String(m._id),
      version: heldMessageVersion(m),
      state: '入队申请留言',
      title: `申请加入「${team?.name ?? ''}」`,
      text: m.heldMessage ?? '',
      author: { nameMasked: volunteerByUser.get(String(m.user))?.nameMasked ?? '' },
      context: [{ label: '团队', value: team?.name ?? '' }],
      heldAt: m.updatedAt ?? m.createdAt,
    };
  });
}

/** Join-request messages the content check held: the team sees the request without them until approved. */
export const joinMessageReviewKind: ReviewKind = {
  name: 'join-message',
  label: '入队留言',
  approvedHint: '已通过，团队管理员可以看到这条留言',
  ...heldInCollection(TeamMembership, HELD, { updatedAt: 1, _id: 1 }, items),
  async decide(deps, actor, id, decision) {
    const r = await moderateJoinMessage(deps, actor, id, decision);
    if (!('membership' in r)) return r;
    const { membership, ...applied } = r;
    return { ...applied, result: { message: membership.message, status: membership.status } };
  },
};
