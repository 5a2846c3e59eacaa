import { z } from 'zod';
import { ZDateOut } from '../common';
import { VOLUNTEERING_LIMITS as L, zTag, zText } from './common';

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

export const ZNoShowEventDto = z.object({
  id: z.string(),
  at: ZDateOut,
  kind: z.enum(['no_show', 'late_cancel']),
  activityId: z.string().nullable(),
  /** Current weight after time decay (0 when waived). */
  weight: z.number(),
  waived: z.boolean(),
  appeal: z
    .object({
      reason: z.string(),
      status: z.enum(['pending', 'upheld', 'rejected']),
      at: ZDateOut,
      note: z.string().optional(),
      reviewedAt: ZDateOut.optional(),
    })
    .nullable(),
});
export type TNoShowEventDto = z.infer<typeof ZNoShowEventDto>;

export const ZIntroReviewDto = z.object({
  state: z.enum(['under_review', 'rejected']),
  label: z.string(),
  heldIntro: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TIntroReviewDto = z.infer<typeof ZIntroReviewDto>;

export const ZVolunteerDto = z.object({
  id: z.string(),
  userId: z.string(),
  volunteerNo: z.string(),
  nameMasked: z.string(),
  skills: z.array(z.string()),
  serviceAreas: z.array(z.string()),
  availability: z.array(z.object({ weekday: z.number().int(), from: z.string(), to: z.string() })),
  intro: z.string(),
  /** Only in the volunteer's own view: an intro held for moderation, or why it was refused. */
  introReview: ZIntroReviewDto.nullable().optional(),
  totalMinutes: z.number(),
  confirmedMinutes: z.number(),
  /** confirmedMinutes / 60, one decimal. */
  confirmedHours: z.number(),
  noShowScore: z.number(),
  noShowEvents: z.array(ZNoShowEventDto),
  createdAt: ZDateOut,
});
export type TVolunteerDto = z.infer<typeof ZVolunteerDto>;

/** What a team admin sees about an applicant (no personal data beyond the masked name). */
export const ZApplicantSummaryDto = z.object({
  userId: z.string(),
  volunteerNo: z.string().nullable(),
  nameMasked: z.string(),
  confirmedHours: z.number(),
  pastActivities: z.number().int(),
  noShowScore: z.number(),
  skills: z.array(z.string()),
});
export type TApplicantSummaryDto = z.infer<typeof ZApplicantSummaryDto>;

export const ZVolunteerEnvelope = z.object({ volunteer: ZVolunteerDto });
/** GET /api/volunteers/me: null until the resident registers. */
export const ZVolunteerMaybe = z.object({ volunteer: ZVolunteerDto.nullable() });
export const ZNoShowEventEnvelope = z.object({ event: ZNoShowEventDto });

/** A pending no-show appeal as the team admin sees it. */
export const ZNoShowAppealRow = z.object({
  userId: z.string(),
  volunteerNo: z.string(),
  nameMasked: z.string(),
  activityTitle: z.string().nullable(),
  event: ZNoShowEventDto,
});
export type TNoShowAppealRow = z.infer<typeof ZNoShowAppealRow>;
export const ZNoShowAppealsList = z.object({ items: z.array(ZNoShowAppealRow) });
