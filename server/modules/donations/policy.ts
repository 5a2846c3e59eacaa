import type { Types } from 'mongoose';
import { hasRole, type Actor } from '../../http/actor';
import { anyRole } from '../../http/policy';
import { definePolicy } from '../../platform/policy';
import type { DonationOrderDoc, ProjectDoc } from './model';

/** District admins manage charities (merchants), close projects and refund (DECISIONS). */
export const charityAdmin = anyRole('district_admin');
/**
 * Routes a charity's own staff (`charity_staff`, scoped to one charity) also reach: its projects'
 * drafts and submission for review, disbursements, donations and reconciliation. Which charity
 * they may touch is decided per resource (`charityPolicy`, `projectPolicy`), or the lists are
 * narrowed to `staffCharityIds`.
 */
export const charityDesk = anyRole('district_admin', 'charity_staff');

const isDistrictAdmin = (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'district_admin');
const isStaffOf = (actor: Actor | null, charity: Types.ObjectId | string): boolean => actor !== null && hasRole(actor, 'charity_staff', String(charity));

/** The charities a charity_staff actor works for; undefined = all (district admin). */
export function staffCharityIds(actor: Actor): string[] | undefined {
  if (isDistrictAdmin(actor)) return undefined;
  return actor.roles.filter((r) => r.role === 'charity_staff' && r.scopeId).map((r) => r.scopeId!);
}

const isOpen = (p: Pick<ProjectDoc, 'status' | 'startAt' | 'endAt'>, now = new Date()): boolean =>
  p.status === 'published' && p.startAt <= now && p.endAt >= now;

type ProjectResource = Pick<ProjectDoc, 'status' | 'startAt' | 'endAt' | 'charity'>;

/**
 * Anyone signed in may donate to an open project. District admins and the charity's staff edit
 * drafts and send them for review (the review queue publishes); only district admins close.
 */
export const projectPolicy = definePolicy<ProjectResource, 'donate' | 'edit' | 'publish' | 'close'>(
  'charity_project',
  {
    donate: (actor) => actor !== null,
    edit: (actor, p) => isDistrictAdmin(actor) || isStaffOf(actor, p.charity),
    publish: (actor, p) => isDistrictAdmin(actor) || isStaffOf(actor, p.charity),
    close: isDistrictAdmin,
  },
  {
    donate: (p) => isOpen(p),
    edit: (p) => p.status === 'draft',
    publish: (p) => p.status === 'draft',
    close: (p) => p.status !== 'closed',
  },
);

/** A charity's work (new projects, donations, disbursements, reconciliation): district admins and its own staff. */
export const charityPolicy = definePolicy<{ _id: Types.ObjectId | string }, 'manage'>('charity', {
  manage: (actor, c) => isDistrictAdmin(actor) || isStaffOf(actor, c._id),
});

/** A donor sees and downloads the receipt of their own donation; district admins and the charity's staff see its donations; only district admins refund. */
export const donationPolicy = definePolicy<Pick<DonationOrderDoc, 'donor' | 'charity'>, 'view' | 'refund'>('donation', {
  view: (actor, d) => actor !== null && (String(d.donor) === actor.userId || isDistrictAdmin(actor) || isStaffOf(actor, d.charity)),
  refund: isDistrictAdmin,
});
