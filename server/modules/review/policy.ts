import { hasRole } from '../../http/actor';
import { definePolicy } from '../../platform/policy';
import type { ReviewItem } from './kind';

/** Held content is decided by the district's admins (每一类内容都由区级管理员审核). */
export const reviewPolicy = definePolicy<ReviewItem | null, 'approve' | 'reject'>('review_item', {
  approve: (actor) => actor !== null && hasRole(actor, 'district_admin'),
  reject: (actor) => actor !== null && hasRole(actor, 'district_admin'),
});
