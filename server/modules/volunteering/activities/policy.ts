import type { Actor } from '../../../http/actor';
import { definePolicy } from '../../../platform/policy';
import { isTeamAdmin } from '../teams';
import type { ActivityDoc } from './model';

type ActivityResource = Pick<ActivityDoc, 'team' | 'status' | 'checkinRequired'>;

/** Held or refused activities exist only for the team's admins and moderators. */
const isPublic = (a: Pick<ActivityDoc, 'status'>): boolean => a.status !== 'under_review' && a.status !== 'rejected';
const admin = (actor: Actor | null, a: ActivityResource) => isTeamAdmin(actor, a.team);
const open = (a: ActivityResource): boolean => a.status === 'published' || a.status === 'under_review';

/**
 * Activity rules: the team's admins edit and cancel its activities, decide
 * signups, show the check-in code, confirm hours and run the gallery; a
 * published one is public, a held or refused one only theirs to see.
 */
export const activityPolicy = definePolicy<
  ActivityResource,
  'view' | 'manage' | 'update' | 'cancel' | 'manageSignups' | 'showCheckinCode' | 'confirmHours' | 'manageGallery'
>(
  'activity',
  {
    view: async (actor, a) => isPublic(a) || (await admin(actor, a)),
    manage: admin,
    update: admin,
    cancel: admin,
    manageSignups: admin,
    showCheckinCode: admin,
    confirmHours: admin,
    manageGallery: admin,
  },
  {
    update: open,
    cancel: open,
    showCheckinCode: (a) => a.checkinRequired && a.status === 'published',
  },
);
