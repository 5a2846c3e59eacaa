import type { Actor } from '../../../http/actor';
import { definePolicy } from '../../../platform/policy';
import { isTeamAdmin } from '../teams';
import type { NoShowEventDoc } from './model';

/** Registering as a volunteer needs real-name verification (answered as real_name_required, not 403). */
export const mayRegisterAsVolunteer = (actor: Actor | null): boolean => actor !== null && actor.realNameVerified;

/** No-show rules: the event's volunteer appeals it; the team's admins decide the appeal. */
export const noShowPolicy = definePolicy<Pick<NoShowEventDoc, 'team'> & { user?: unknown }, 'decideAppeal'>('no_show_event', {
  decideAppeal: async (actor, event) => (event.team ? isTeamAdmin(actor, event.team) : false),
});
