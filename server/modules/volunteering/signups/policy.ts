import type { Actor } from '../../../http/actor';
import { definePolicy } from '../../../platform/policy';
import { isTeamAdmin } from '../teams';
import type { SignupDoc } from './model';

const isOwner = (actor: Actor | null, s: Pick<SignupDoc, 'user'>): boolean => actor !== null && String(s.user) === actor.userId;

/** Signup rules: the volunteer owns (sees, cancels, answers an offer for) their signup; the team's admins see and decide it. */
export const signupPolicy = definePolicy<Pick<SignupDoc, 'user' | 'team' | 'status'>, 'view' | 'cancel' | 'respondToOffer' | 'decide'>(
  'signup',
  {
    view: async (actor, s) => isOwner(actor, s) || (await isTeamAdmin(actor, s.team)),
    cancel: isOwner,
    respondToOffer: isOwner,
    decide: (actor, s) => isTeamAdmin(actor, s.team),
  },
  {
    cancel: (s) => ['pending_approval', 'confirmed', 'waitlisted', 'offered'].includes(s.status),
    respondToOffer: (s) => s.status === 'offered',
    decide: (s) => s.status === 'pending_approval',
  },
);
