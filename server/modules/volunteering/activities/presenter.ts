import {
  ACTIVITY_STATUS_LABELS,
  type TActivityDetailDto,
  type TActivityReviewDto,
  type TActivitySummaryDto,
  type TShiftDto,
} from '@shared/schemas/volunteering/activities';
import type { ActivityDoc, ShiftDoc } from './model';
import { appLinks } from '@shared/links';

export const sharePathOf = (activityId: string): string => appLinks.activity(activityId);

export function presentShift(s: ShiftDoc): TShiftDto {
  return {
    id: String(s._id),
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    capacity: s.capacity,
    taken: s.confirmedCount,
    remaining: Math.max(0, s.capacity - s.confirmedCount),
    waiting: s.waitingCount,
  };
}

export function presentActivitySummary(a: ActivityDoc, shifts: ShiftDoc[], distanceM?: number): TActivitySummaryDto {
  return {
    id: String(a._id),
    teamId: String(a.team),
    teamName: a.teamName,
    title: a.title,
    coverUrl: a.coverUrl ?? null,
    address: a.address,
    location: { lng: a.location.coordinates[0], lat: a.location.coordinates[1] },
    ...(distanceM === undefined ? {} : { distanceM: Math.round(distanceM) }),
    category: a.category,
    status: a.status,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    signupDeadline: a.signupDeadline.toISOString(),
    remaining: shifts.reduce((n, s) => n + Math.max(0, s.capacity - s.confirmedCount), 0),
  };
}

const coverCheckOf = (a: ActivityDoc): TActivityReviewDto['coverCheck'] => (a.coverTraceId ? (a.coverCheck ?? 'pending') : null);

/** Moderation state for the team's admins and moderators; null when nothing was ever held. */
export function presentActivityReview(a: ActivityDoc): TActivityReviewDto | null {
  const decidedAt = a.review?.at?.toISOString() ?? null;
  if (a.status === 'under_review' || a.status === 'rejected') {
    return {
      state: a.status,
      label: ACTIVITY_STATUS_LABELS[a.status],
      reason: a.status === 'rejected' ? (a.review?.reason ?? '') : null,
      heldEdit: null,
      coverCheck: coverCheckOf(a),
      decidedAt: a.status === 'rejected' ? decidedAt : null,
    };
  }
  if (a.heldEdit?.at) {
    const { title, description, coverUrl } = a.heldEdit;
    return {
      state: 'edit_held',
      label: '修改审核中',
      reason: null,
      heldEdit: { ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }), ...(coverUrl === undefined ? {} : { coverUrl }) },
      coverCheck: coverCheckOf(a),
      decidedAt: null,
    };
  }
  if (!a.review) return null;
  return {
    state: a.review.decision === 'approve' ? 'approved' : 'rejected',
    label: a.review.decision === 'approve' ? '已通过审核' : '修改未通过审核',
    reason: a.review.decision === 'reject' ? a.review.reason : null,
    heldEdit: null,
    coverCheck: coverCheckOf(a),
    decidedAt,
  };
}

/** `withReview` only for the team's admins and moderators. */
export function presentActivityDetail(a: ActivityDoc, shifts: ShiftDoc[], withReview = false): TActivityDetailDto {
  return {
    ...presentActivitySummary(a, shifts),
    description: a.description,
    requiredSkills: a.requiredSkills,
    cancelDeadline: a.cancelDeadline.toISOString(),
    checkinRadiusM: a.checkinRadiusM,
    requiresApproval: a.requiresApproval,
    checkinRequired: a.checkinRequired,
    reminderLeadMinutes: a.reminderLeadMinutes ?? 120,
    cancelReason: a.cancelReason ?? null,
    shifts: [...shifts].sort((x, y) => x.start.getTime() - y.start.getTime()).map(presentShift),
    sharePath: sharePathOf(String(a._id)),
    review: withReview ? presentActivityReview(a) : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
