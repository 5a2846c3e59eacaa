import { hasRole, type Actor } from '../../http/actor';
import { anyRole } from '../../http/policy';
import { definePolicy } from '../../platform/policy';
import type { DonationOrderDoc, ProjectDoc } from './model';

/** District admins manage charities, projects, refunds, disbursements and reconciliation (DECISIONS). */
export const charityAdmin = anyRole('district_admin');

const isDistrictAdmin = (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'district_admin');

const isOpen = (p: Pick<ProjectDoc, 'status' | 'startAt' | 'endAt'>, now = new Date()): boolean =>
  p.status === 'published' && p.startAt <= now && p.endAt >= now;

type ProjectResource = Pick<ProjectDoc, 'status' | 'startAt' | 'endAt'>;

/** Anyone signed in may donate to an open project; district admins edit, publish and close. */
export const projectPolicy = definePolicy<ProjectResource, 'donate' | 'edit' | 'publish' | 'close'>(
  'charity_project',
  {
    donate: (actor) => actor !== null,
    edit: isDistrictAdmin,
    publish: isDistrictAdmin,
    close: isDistrictAdmin,
  },
  {
    donate: (p) => isOpen(p),
    edit: (p) => p.status === 'draft',
    publish: (p) => p.status === 'draft',
    close: (p) => p.status !== 'closed',
  },
);

/** A donor sees and downloads the receipt of their own donation; district admins see every donation. */
export const donationPolicy = definePolicy<Pick<DonationOrderDoc, 'donor'>, 'view' | 'refund'>('donation', {
  view: (actor, d) => actor !== null && (String(d.donor) === actor.userId || isDistrictAdmin(actor)),
  refund: isDistrictAdmin,
});
