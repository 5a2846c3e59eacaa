import { z } from 'zod';
import { VOLUNTEERING_LIMITS as L, ZModerationDecisionInput, zTag, zText } from './common';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ZAvailabilitySlot = z
  .strictObject({
    weekday: z.number({ error: '星期格式不正确' }).int('星期格式不正确').min(0, '星期应为 0–6').max(6, '星期应为 0–6'),
    from: z.string({ error: '请输入开始时间' }).regex(HHMM, '时间格式应为 HH:MM'),
    to: z.string({ error: '请输入结束时间' }).regex(HHMM, '时间格式应为 HH:MM'),
  })
  .refine((s) => s.from < s.to, { message: '结束时间必须晚于开始时间', path: ['to'] });
export type TAvailabilitySlot = z.infer<typeof ZAvailabilitySlot>;

const profileFields = {
  skills: z.array(zTag('技能'), { error: '技能格式不正确' }).max(L.tagsMax, `技能最多 ${L.tagsMax} 项`),
  serviceAreas: z
    .array(zTag('服务区域'), { error: '服务区域格式不正确' })
    .max(L.serviceAreasMax, `服务区域最多 ${L.serviceAreasMax} 项`),
  availability: z
    .array(ZAvailabilitySlot, { error: '可服务时间格式不正确' })
    .max(L.availabilityMax, `可服务时间最多 ${L.availabilityMax} 段`),
  intro: zText('个人简介', 0, 500),
};

/** POST /api/volunteers — register the signed-in, real-name-verified resident as a volunteer. */
export const ZVolunteerRegisterInput = z.strictObject({
  skills: profileFields.skills.default([]),
  serviceAreas: profileFields.serviceAreas.default([]),
  availability: profileFields.availability.default([]),
  intro: profileFields.intro.optional(),
});
export type TVolunteerRegisterInput = z.infer<typeof ZVolunteerRegisterInput>;

/** PATCH /api/volunteers/me */
export const ZVolunteerProfileUpdate = z
  .strictObject({
    skills: profileFields.skills.optional(),
    serviceAreas: profileFields.serviceAreas.optional(),
    availability: profileFields.availability.optional(),
    intro: profileFields.intro.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '没有需要修改的内容' });
export type TVolunteerProfileUpdate = z.infer<typeof ZVolunteerProfileUpdate>;

export const ZNoShowAppealInput = z.strictObject({ reason: zText('申诉理由', 2, L.reasonMax) });
export type TNoShowAppealInput = z.infer<typeof ZNoShowAppealInput>;

export const ZAppealDecisionInput = z
  .strictObject({
    decision: z.enum(['upheld', 'rejected'], { error: '处理结果只能是 upheld（申诉成立）或 rejected（驳回）' }),
    note: zText('处理说明', 0, L.reasonMax).optional(),
  })
  // The volunteer is owed a reason when their appeal is turned down.
  .refine((v) => v.decision !== 'rejected' || (v.note ?? '').trim().length >= 2, {
    path: ['note'],
    message: '驳回申诉时请填写处理说明（至少 2 个字）',
  });
export type TAppealDecisionInput = z.infer<typeof ZAppealDecisionInput>;

export const ZEventParams = z.strictObject({
  eventId: z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确'),
});
export const ZVolunteerUserParams = z.strictObject({
  userId: z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确'),
  eventId: z.string().regex(/^[0-9a-f]{24}$/i, '编号格式不正确'),
});

export type TNoShowKind = 'no_show' | 'late_cancel';
export type TAppealStatus = 'pending' | 'upheld' | 'rejected';

export interface TNoShowEventDto {
  id: string;
  at: string;
  kind: TNoShowKind;
  activityId: string | null;
  /** Current weight after time decay (0 when waived). */
  weight: number;
  waived: boolean;
  appeal: { reason: string; status: TAppealStatus; at: string; note?: string; reviewedAt?: string } | null;
}

export interface TVolunteerDto {
  id: string;
  userId: string;
  volunteerNo: string;
  nameMasked: string;
  skills: string[];
  serviceAreas: string[];
  availability: TAvailabilitySlot[];
  intro: string;
  /** Only in the volunteer's own view: an intro held for moderation, or why it was refused. */
  introReview?: TIntroReviewDto | null;
  totalMinutes: number;
  confirmedMinutes: number;
  /** confirmedMinutes / 60, one decimal. */
  confirmedHours: number;
  noShowScore: number;
  noShowEvents: TNoShowEventDto[];
  createdAt: string;
}

/** What a team admin sees about an applicant (no personal data beyond the masked name). */
export interface TApplicantSummaryDto {
  userId: string;
  volunteerNo: string | null;
  nameMasked: string;
  confirmedHours: number;
  pastActivities: number;
  noShowScore: number;
  skills: string[];
}

export interface TIntroReviewDto {
  state: 'under_review' | 'rejected';
  label: string;
  heldIntro: string | null;
  reason: string | null;
}

/** POST /api/admin/volunteers/:userId/intro-moderation — a district admin decides a held intro. */
export const ZIntroModerationInput = ZModerationDecisionInput;
export type TIntroModerationInput = z.infer<typeof ZIntroModerationInput>;
