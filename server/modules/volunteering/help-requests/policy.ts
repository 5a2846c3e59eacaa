import { Types } from 'mongoose';
import { hasRole, type Actor } from '../../../http/actor';
import { definePolicy, memoForActor } from '../../../platform/policy';
import { anyCertifiedTeam } from '../../org';
import { isTeamAdmin, teamsAdministeredBy } from '../teams';
import type { HelpRequestDoc } from './model';

/** Admin of some certified team: a team_admin grant, or an active admin membership of a certified team. */
function adminsSomeTeam(actor: Actor): Promise<boolean> {
  if (hasRole(actor, 'team_admin')) return Promise.resolve(true);
  if (!Types.ObjectId.isValid(actor.userId)) return Promise.resolve(false);
  return memoForActor(actor, 'admins-some-team', async () => {
    const teams = await teamsAdministeredBy(new Types.ObjectId(actor.userId));
    if (teams.length === 0) return false;
    return anyCertifiedTeam(teams);
  });
}

/**
 * Reviewers are district admins and team admins: holders of a team_admin role
 * grant, and active admins by team membership of a certified team (a member
 * promoted inside the team is an admin even when no role grant was written).
 */
export async function isHelpReviewer(actor: Actor | null): Promise<boolean> {
  if (actor === null) return false;
  return hasRole(actor, 'district_admin') || adminsSomeTeam(actor);
}

const isAuthor = (actor: Actor | null, r: Pick<HelpRequestDoc, 'author'>): boolean =>
  actor !== null && String(r.author) === actor.userId;

export const isPublicHelpRequest = (r: Pick<HelpRequestDoc, 'status'>): boolean =>
  r.status === 'published' || r.status === 'taken' || r.status === 'converted';

type HelpRequestResource = Pick<HelpRequestDoc, 'author' | 'status' | 'takenBy'>;

/**
 * Help-request rules. Public once approved; before that only the author and
 * reviewers see the detail. Reviewers approve or reject; a team's admins take
 * a published request up for their team and link it to their activity; the
 * author may close their own while it waits or is published.
 */
export const helpRequestPolicy = definePolicy<HelpRequestResource, 'viewDetail' | 'review' | 'take' | 'convert' | 'close'>(
  'help_request',
  {
    viewDetail: async (actor, r) => isAuthor(actor, r) || (await isHelpReviewer(actor)),
    review: (actor) => isHelpReviewer(actor),
    // For a team they run (the route checks that team); district admins supervise every team.
    take: (actor) => isHelpReviewer(actor),
    convert: async (actor, r) => r.takenBy !== undefined && (await isTeamAdmin(actor, r.takenBy.team)),
    close: (actor, r) => isAuthor(actor, r),
  },
  {
    review: (r) => r.status === 'pending_review',
    take: (r) => r.status === 'published',
    convert: (r) => r.status === 'taken',
    close: (r) => r.status === 'pending_review' || r.status === 'published',
  },
);
