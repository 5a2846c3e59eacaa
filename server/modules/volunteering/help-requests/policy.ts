import { hasRole, type Actor } from '../../../http/actor';
import type { HelpRequestDoc } from './model';

/** Public once approved; before that only the author and reviewers (district and team admins) see it. */
export const helpRequestPolicy = {
  isReviewer: (actor: Actor | null): boolean =>
    actor !== null && (hasRole(actor, 'district_admin') || hasRole(actor, 'team_admin')),
  isAuthor: (actor: Actor | null, r: Pick<HelpRequestDoc, 'author'>): boolean =>
    actor !== null && String(r.author) === actor.userId,
  isPublic: (r: Pick<HelpRequestDoc, 'status'>): boolean =>
    r.status === 'published' || r.status === 'taken' || r.status === 'converted',
  canSeeDetail(actor: Actor | null, r: Pick<HelpRequestDoc, 'author' | 'status'>): boolean {
    return helpRequestPolicy.isAuthor(actor, r) || helpRequestPolicy.isReviewer(actor);
  },
};
