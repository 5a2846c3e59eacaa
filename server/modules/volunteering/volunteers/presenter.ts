import type { TApplicantSummaryDto, TIntroReviewDto, TNoShowEventDto, TVolunteerDto } from '@shared/schemas/volunteering/volunteers';
import { eventWeight, noShowScore } from './commands/no-show';
import type { NoShowEventDoc, VolunteerDoc } from './model';

const hours = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;

export function presentNoShowEvent(e: NoShowEventDoc, now: Date): TNoShowEventDto {
  return {
    id: String(e._id),
    at: e.at.toISOString(),
    kind: e.kind,
    activityId: e.activity ? String(e.activity) : null,
    weight: Math.round(eventWeight(e, now) * 100) / 100,
    waived: e.waived,
    appeal: e.appeal
      ? {
          reason: e.appeal.reason,
          status: e.appeal.status,
          at: e.appeal.at.toISOString(),
          note: e.appeal.note,
          reviewedAt: e.appeal.reviewedAt?.toISOString(),
        }
      : null,
  };
}

/** The volunteer's own view of a held or refused intro. */
export function presentIntroReview(v: Pick<VolunteerDoc, 'heldIntro' | 'introReview'>): TIntroReviewDto | null {
  if (v.heldIntro) return { state: 'under_review', label: '审核中', heldIntro: v.heldIntro.text, reason: null };
  if (v.introReview?.decision === 'reject') {
    return { state: 'rejected', label: '未通过审核', heldIntro: null, reason: v.introReview.reason };
  }
  return null;
}

export function presentVolunteer(v: VolunteerDoc, now: Date): TVolunteerDto {
  return {
    id: String(v._id),
    userId: String(v.user),
    volunteerNo: v.volunteerNo,
    nameMasked: v.nameMasked,
    skills: v.skills,
    serviceAreas: v.serviceAreas,
    availability: v.availability.map((a) => ({ weekday: a.weekday, from: a.from, to: a.to })),
    intro: v.intro,
    introReview: presentIntroReview(v),
    totalMinutes: v.totalMinutes,
    confirmedMinutes: v.confirmedMinutes,
    confirmedHours: hours(v.confirmedMinutes),
    noShowScore: noShowScore(v.noShowEvents, now),
    noShowEvents: v.noShowEvents.map((e) => presentNoShowEvent(e, now)),
    createdAt: v.createdAt.toISOString(),
  };
}

export function presentApplicantSummary(
  userId: string,
  v: VolunteerDoc | null,
  pastActivities: number,
  now: Date,
): TApplicantSummaryDto {
  return {
    userId,
    volunteerNo: v?.volunteerNo ?? null,
    nameMasked: v?.nameMasked ?? '',
    confirmedHours: hours(v?.confirmedMinutes ?? 0),
    pastActivities,
    noShowScore: v ? noShowScore(v.noShowEvents, now) : 0,
    skills: v?.skills ?? [],
  };
}
