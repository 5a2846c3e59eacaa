import type { TApplicantDto, TSignupDto } from '@shared/schemas/volunteering/signups';
import type { TApplicantSummaryDto } from '@shared/schemas/volunteering/volunteers';
import type { ActivityDoc } from '../activities';
import type { SignupDoc } from './model';

export function presentSignup(
  s: SignupDoc,
  activity: Pick<ActivityDoc, 'title' | 'address'> | null,
  aheadOfYou: number | null,
): TSignupDto {
  return {
    id: String(s._id),
    shiftId: String(s.shift),
    activityId: String(s.activity),
    teamId: String(s.team),
    status: s.status,
    waitPos: s.waitPos ?? null,
    aheadOfYou: s.status === 'waitlisted' ? aheadOfYou : null,
    offerExpiresAt: s.status === 'offered' && s.offerExpiresAt ? s.offerExpiresAt.toISOString() : null,
    shift: { start: s.start.toISOString(), end: s.end.toISOString() },
    activity: activity ? { title: activity.title, address: activity.address } : null,
    checkinAt: s.checkinAt ? s.checkinAt.toISOString() : null,
    checkoutAt: s.checkoutAt ? s.checkoutAt.toISOString() : null,
    autoCheckedOut: s.autoCheckedOut ?? false,
    note: s.note ?? '',
    noteUnderReview: s.noteHeld === true,
    reason: s.reason ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

export function presentApplicant(
  s: SignupDoc,
  activity: Pick<ActivityDoc, 'title' | 'address'> | null,
  applicant: TApplicantSummaryDto,
): TApplicantDto {
  const own = presentSignup(s, activity, null);
  return { ...own, note: s.noteHeld ? '' : own.note, applicant };
}
