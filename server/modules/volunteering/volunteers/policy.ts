import type { Actor } from '../../../http/actor';
import { teamPolicy } from '../teams';
import type { NoShowEventDoc } from './model';

/** Volunteer rules: registering needs real-name verification; appeals are decided by the event's team admins. */
export const volunteerPolicy = {
  canRegister: (actor: Actor | null): boolean => actor !== null && actor.realNameVerified,
  canDecideAppeal: async (actor: Actor | null, event: Pick<NoShowEventDoc, 'team'>): Promise<boolean> =>
    event.team ? teamPolicy.canManage(actor, event.team) : false,
};
