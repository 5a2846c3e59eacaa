import type { Actor } from '../../../http/actor';
import { teamPolicy } from '../teams';
import type { SignupDoc } from './model';

/** Signup rules: the volunteer owns their signup; the team's admins decide on it. */
export const signupPolicy = {
  isOwner: (actor: Actor | null, s: Pick<SignupDoc, 'user'>): boolean =>
    actor !== null && String(s.user) === actor.userId,
  canView: async (actor: Actor | null, s: Pick<SignupDoc, 'user' | 'team'>): Promise<boolean> =>
    signupPolicy.isOwner(actor, s) || (await teamPolicy.canManage(actor, s.team)),
  canDecide: (actor: Actor | null, s: Pick<SignupDoc, 'team'>): Promise<boolean> => teamPolicy.canManage(actor, s.team),
};
