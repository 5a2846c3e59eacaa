import type { Actor } from '../../../http/actor';
import { definePolicy } from '../../../platform/policy';
import { isTeamAdmin } from '../teams';
import type { PhotoDoc } from './model';

type PhotoResource = Pick<PhotoDoc, 'uploader' | 'team' | 'status'>;

const isUploader = (actor: Actor | null, p: PhotoResource): boolean => actor !== null && String(p.uploader) === actor.userId;
const admin = (actor: Actor | null, p: PhotoResource) => isTeamAdmin(actor, p.team);

/**
 * Photo rules: a checked photo is public; the uploader follows their own
 * through the check and may delete it; the team's admins see every photo of
 * their activities, show or hide it (with a reason) and delete it.
 */
export const photoPolicy = definePolicy<PhotoResource, 'view' | 'show' | 'hide' | 'delete'>(
  'photo',
  {
    view: async (actor, p) => p.status === 'visible' || isUploader(actor, p) || (await admin(actor, p)),
    show: admin,
    hide: admin,
    delete: async (actor, p) => isUploader(actor, p) || (await admin(actor, p)),
  },
  {
    show: (p) => p.status !== 'visible',
    hide: (p) => p.status !== 'hidden',
  },
);
