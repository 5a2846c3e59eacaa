import { heldInCollection, type ReviewItem, type ReviewKind } from '../../review';
import { teamNamesByIds } from '../../org';
import { volunteerCardsOf } from '../volunteers';
import { heldMessageVersion, moderateJoinMessage } from './commands/moderate-message';
import { TeamMembership, type TeamMembershipDoc } from './model';

const HELD = { heldMessage: { $exists: true } };

async function items(rows: TeamMembershipDoc[]): Promise<ReviewItem[]> {
  const [teamNames, volunteers] = await Promise.all([
    teamNamesByIds(rows.map((m) => m.team)),
    volunteerCardsOf(rows.map((m) => m.user)),
  ]);
  const volunteerByUser = new Map(volunteers.map((v) => [String(v.user), v]));
  return rows.map((m) => {
    const teamName = teamNames.get(String(m.team)) ?? '';
    return {
      id: String(m._id),
      version: heldMessageVersion(m),
      state: '入队申请留言',
      title: `申请加入「${teamName}」`,
      text: m.heldMessage ?? '',
      author: { nameMasked: volunteerByUser.get(String(m.user))?.nameMasked ?? '' },
      context: [{ label: '团队', value: teamName }],
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
