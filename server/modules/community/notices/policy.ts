import { hasRole, type Actor } from '../../../http/actor';
import { definePolicy } from '../../../platform/policy';
import type { NoticeDoc } from './model';

/** Community ids a community admin runs (their role grants' scopes). */
export const adminCommunities = (actor: Actor): string[] =>
  actor.roles.filter((r) => r.role === 'community_admin' && r.scopeId).map((r) => r.scopeId!);

/**
 * May this actor address a notice to these communities? District admins: any audience, the whole
 * district included. Community admins: only communities they run, and never the whole district.
 */
export function mayAddress(actor: Actor | null, communityIds: readonly string[]): boolean {
  if (actor === null) return false;
  if (hasRole(actor, 'district_admin')) return true;
  const mine = new Set(adminCommunities(actor));
  return communityIds.length > 0 && communityIds.every((id) => mine.has(id));
}

type NoticeResource = Pick<NoticeDoc, 'communities' | 'status'>;

/** Who may edit or withdraw a notice: whoever may address its audience. */
export const noticePolicy = definePolicy<NoticeResource, 'update' | 'withdraw'>(
  'notice',
  {
    update: (actor, n) => mayAddress(actor, n.communities.map(String)),
    withdraw: (actor, n) => mayAddress(actor, n.communities.map(String)),
  },
  {
    update: (n) => n.status !== 'withdrawn',
    withdraw: (n) => n.status === 'published' || n.status === 'pending_review',
  },
);
