import type { Actor } from '../../../http/actor';
import { teamPolicy } from '../teams';
import type { ActivityDoc } from './model';

/** Activity rules: a team's admins publish, edit and cancel its activities; published ones are public. */
export const activityPolicy = {
  canPublishFor: (actor: Actor | null, teamId: string): Promise<boolean> => teamPolicy.canManage(actor, teamId),
  canManage: (actor: Actor | null, a: Pick<ActivityDoc, 'team'>): Promise<boolean> => teamPolicy.canManage(actor, a.team),
};
