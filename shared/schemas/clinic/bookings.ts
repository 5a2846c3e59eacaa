import { z } from 'zod';
import { ZDateOut, ZObjectId, hasRealText, zIsoDate } from '../common';
import { CLINIC_TOPICS, CONSULT_MODES, ZPhone } from './clinics';
import { PROVIDER_KINDS, ZDay } from './providers';

export const BOOKING_STATUSES = [
  'offered',
  'pending',
  'confirmed',
  'declined',
  'cancelled',
  'completed',
  'no_show',
  'offer_expired',
] as const;
export type TBookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<TBookingStatus, string> = {
  offered: '候补名额待确认',
  pending: '待律师确认',
  confirmed: '已确认',
  declined: '已婉拒',
  cancelled: '已取消',
  completed: '已完成',
  no_show: '未到场',
  offer_expired: '候补名额已过期',
};
/** Statuses that hold their slot. */
export const ACTIVE_BOOKING_STATUSES = ['offered', 'pending', 'confirmed'] as const;

export const CONSULT_OUTCOMES = ['answered', 'to_mediation', 'legal_aid', 'litigation_guidance', 'follow_up'] as const;
export type TConsultOutcome = (typeof CONSULT_OUTCOMES)[number];
export const CONSULT_OUTCOME_LABELS: Record<TConsultOutcome, string> = {
  answered: '已解答',
  to_mediation: '转调解',
  legal_aid: '申请法律援助',
  litigation_guidance: '诉讼指引',
  follow_up: '需跟进',
};

/**
 * One week per request: the booking page pages by week, and a week's answer (a few hundred
 * slots at most) stays cheap to compute, serialise and send (bench: `clinic`).
 */
export const MAX_SLOT_DAYS = 7;

export const ZSlotsQuery = z.strictObject({
  from: ZDay,
  days: z.coerce
    .number({ error: '天数须为数字' })
    .int('须为整数')
    .min(1, '至少 1 天')
    .max(MAX_SLOT_DAYS, `最多 ${MAX_SLOT_DAYS} 天`)
    .default(7),
  topic: z.enum(CLINIC_TOPICS, { error: '咨询类别无效' }).optional(),
  mode: z.enum(CONSULT_MODES, { error: '咨询方式无效' }).optional(),
  providerId: ZObjectId.optional(),
  opposingName: z.string().trim().max(40, '对方姓名不能超过 40 个字').optional(),
  opposingPhone: z.string().trim().max(20).optional(),
  opposingOrg: z.string().trim().max(60).optional(),
});
export type TSlotsQuery = z.infer<typeof ZSlotsQuery>;

export const ZSlotDto = z.object({
  providerId: z.string(),
  providerName: z.string(),
  providerKind: z.enum(PROVIDER_KINDS),
  startsAt: ZDateOut,
  endsAt: ZDateOut,
  /** Asia/Shanghai day of the slot (YYYY-MM-DD). */
  day: z.string(),
  modes: z.array(z.enum(CONSULT_MODES)),
  /** A name-only match with the opposing party: the provider confirms or declines. */
  needsConflictCheck: z.boolean(),
});
export type TSlotDto = z.infer<typeof ZSlotDto>;
export const ZSlotList = z.object({ items: z.array(ZSlotDto), fullDays: z.array(z.string()) });

const ZParty = z.strictObject({
  name: z
    .string({ error: '请填写姓名' })
    .trim()
    .min(1, '请填写姓名')
    .max(40, '姓名不能超过 40 个字')
    .refine(hasRealText, '姓名须包含文字'),
  phone: ZPhone.optional(),
  org: z.string().trim().max(60, '单位名称不能超过 60 个字').optional(),
});

export const ZBookInput = z.strictObject({
  providerId: ZObjectId,
  startsAt: zIsoDate('时间格式不正确'),
  topic: z.enum(CLINIC_TOPICS, { error: '请选择咨询类别' }),
  mode: z.enum(CONSULT_MODES, { error: '请选择咨询方式' }),
  description: z
    .string({ error: '请简要描述问题' })
    .trim()
    .min(10, '问题描述至少 10 个字')
    .max(1000, '问题描述不能超过 1000 个字')
    .refine(hasRealText, '问题描述须包含文字'),
  client: z.strictObject({ name: ZParty.shape.name, phone: ZPhone, org: ZParty.shape.org }),
  opposingParty: ZParty.optional(),
  attachmentIds: z.array(ZObjectId).max(5, '附件最多 5 个').default([]),
  consent: z.literal(true, { error: '请阅读并同意咨询信息的使用说明' }),
});
export type TBookInput = z.infer<typeof ZBookInput>;

export const ZBookingIdParams = z.strictObject({ bookingId: ZObjectId });
export type TBookingIdParams = z.infer<typeof ZBookingIdParams>;

export const ZReasonInput = z.strictObject({
  reason: z.string().trim().max(200, '原因不能超过 200 个字').optional(),
  /** Coordinators only: cancel or move inside the notice window without the resident's reason rules. */
  override: z.boolean().optional(),
});
export type TReasonInput = z.infer<typeof ZReasonInput>;
export const ZDeclineInput = z.strictObject({
  reason: z.string({ error: '请填写婉拒原因' }).trim().min(2, '婉拒原因至少 2 个字').max(200, '原因不能超过 200 个字'),
});
export type TDeclineInput = z.infer<typeof ZDeclineInput>;
export const ZRescheduleInput = ZReasonInput.extend({ providerId: ZObjectId, startsAt: zIsoDate('时间格式不正确') });
export type TRescheduleInput = z.infer<typeof ZRescheduleInput>;
export const ZNoShowInput = z.strictObject({ side: z.enum(['resident', 'provider'], { error: '请选择未到场的一方' }) });
export type TNoShowInput = z.infer<typeof ZNoShowInput>;

/** Joining a full day's waitlist: the same details as a booking, used when a slot is offered. */
export const ZWaitlistInput = ZBookInput.omit({ providerId: true, startsAt: true, attachmentIds: true }).extend({
  clinicId: ZObjectId,
  day: ZDay,
});
export type TWaitlistInput = z.infer<typeof ZWaitlistInput>;

export const ZRecordInput = z.strictObject({
  notes: z
    .string({ error: '请填写咨询记录' })
    .trim()
    .min(2, '咨询记录至少 2 个字')
    .max(5000, '咨询记录不能超过 5000 个字'),
  summary: z
    .string({ error: '请填写给居民的意见摘要' })
    .trim()
    .min(5, '意见摘要至少 5 个字')
    .max(2000, '意见摘要不能超过 2000 个字'),
  outcome: z.enum(CONSULT_OUTCOMES, { error: '请选择咨询结果' }),
});
export type TRecordInput = z.infer<typeof ZRecordInput>;
export const ZSignOffInput = z.strictObject({
  comment: z.string().trim().max(500, '意见不能超过 500 个字').optional(),
});
export type TSignOffInput = z.infer<typeof ZSignOffInput>;

export const ZRatingInput = z.strictObject({
  stars: z.number({ error: '请选择评分' }).int('评分须为整数').min(1, '评分为 1–5 星').max(5, '评分为 1–5 星'),
  comment: z.string().trim().max(300, '评价不能超过 300 个字').optional(),
});
export type TRatingInput = z.infer<typeof ZRatingInput>;

export const ZAgendaQuery = z.strictObject({
  from: ZDay,
  days: z.coerce.number().int().min(1, '至少 1 天').max(31, '最多 31 天').default(7),
});
export type TAgendaQuery = z.infer<typeof ZAgendaQuery>;
export const ZCoordinatorBookingsQuery = ZAgendaQuery.extend({
  clinicId: ZObjectId,
  status: z.enum(BOOKING_STATUSES).optional(),
});
export type TCoordinatorBookingsQuery = z.infer<typeof ZCoordinatorBookingsQuery>;

export const ZBookingAbilities = z.object({
  cancel: z.boolean(),
  reschedule: z.boolean(),
  acceptOffer: z.boolean(),
  confirm: z.boolean(),
  decline: z.boolean(),
  record: z.boolean(),
  signOff: z.boolean(),
  markNoShow: z.boolean(),
  rate: z.boolean(),
});

const ZAttachmentDto = z.object({ id: z.string(), kind: z.enum(['image', 'pdf']), name: z.string() });
export type TAttachmentDto = z.infer<typeof ZAttachmentDto>;
export const ZAttachmentEnvelope = z.object({ attachment: ZAttachmentDto });

/** What the resident sees: never the provider's notes. */
export const ZBookingDto = z.object({
  id: z.string(),
  clinic: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  provider: z.object({ id: z.string(), name: z.string(), kind: z.enum(PROVIDER_KINDS) }),
  startsAt: ZDateOut,
  endsAt: ZDateOut,
  topic: z.enum(CLINIC_TOPICS),
  topicLabel: z.string(),
  mode: z.enum(CONSULT_MODES),
  description: z.string(),
  opposingParty: z.object({ name: z.string(), phone: z.string().nullable(), org: z.string().nullable() }).nullable(),
  status: z.enum(BOOKING_STATUSES),
  statusLabel: z.string(),
  holdExpiresAt: ZDateOut.nullable(),
  cancelReason: z.string().nullable(),
  noShowSide: z.enum(['resident', 'provider']).nullable(),
  attachments: z.array(ZAttachmentDto),
  /** Published only: a lawyer's at once, a student's after the supervisor's sign-off. */
  summary: z.string().nullable(),
  outcome: z.enum(CONSULT_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  rating: z.object({ stars: z.number().int(), comment: z.string() }).nullable(),
  abilities: ZBookingAbilities,
  /**
   * The clinic's notice window by the server's clock (the dev clock in tests), so the page never
   * decides it from the phone's: from `reasonRequiredFrom` (start − the clinic's notice hours)
   * cancelling or rescheduling needs a reason; the two flags say whether it does now.
   */
  reasonRequiredFrom: ZDateOut,
  cancelNeedsReason: z.boolean(),
  rescheduleNeedsReason: z.boolean(),
});
export type TBookingDto = z.infer<typeof ZBookingDto>;

/** What the provider, the supervisor and the coordinator see. */
export const ZStaffBookingDto = ZBookingDto.extend({
  client: z.object({ name: z.string(), phone: z.string() }),
  conflictFlag: z.enum(['none', 'name_only']),
  declineReason: z.string().nullable(),
  record: z
    .object({
      notes: z.string(),
      summary: z.string(),
      outcome: z.enum(CONSULT_OUTCOMES),
      status: z.enum(['awaiting_signoff', 'published']),
      signedOffBy: z.string().nullable(),
      mediationCaseId: z.string().nullable(),
    })
    .nullable(),
});
export type TStaffBookingDto = z.infer<typeof ZStaffBookingDto>;

export const ZBookingEnvelope = z.object({ outcome: z.string(), booking: ZBookingDto });
export const ZStaffBookingEnvelope = z.object({ outcome: z.string(), booking: ZStaffBookingDto });
export const ZBookingList = z.object({ items: z.array(ZBookingDto) });
export const ZStaffBookingList = z.object({ items: z.array(ZStaffBookingDto) });
export const ZWaitlistDto = z.object({
  id: z.string(),
  clinicId: z.string(),
  day: z.string(),
  topic: z.enum(CLINIC_TOPICS),
  status: z.enum(['waiting', 'offered', 'left', 'expired']),
  createdAt: ZDateOut,
});
export const ZWaitlistEnvelope = z.object({ outcome: z.string(), entry: ZWaitlistDto });
export const ZWaitlistIdParams = z.strictObject({ entryId: ZObjectId });
export type TWaitlistIdParams = z.infer<typeof ZWaitlistIdParams>;
export const WAITLIST_STATUS_LABELS = {
  waiting: '候补中',
  offered: '已保留名额待确认',
  left: '已退出候补',
  expired: '候补已过期',
} as const;
/**
 * The resident's own waitlist entries (waiting or offered): where they stand in the day's queue
 * (1 = next; null once offered), and the offered booking to accept or give up.
 */
export const ZMyWaitlistDto = ZWaitlistDto.extend({
  clinic: z.object({ id: z.string(), name: z.string() }),
  topicLabel: z.string(),
  statusLabel: z.string(),
  position: z.number().int().nullable(),
  offer: z
    .object({ bookingId: z.string(), providerName: z.string(), startsAt: ZDateOut, holdExpiresAt: ZDateOut.nullable() })
    .nullable(),
  abilities: z.object({ leave: z.boolean() }),
});
export type TMyWaitlistDto = z.infer<typeof ZMyWaitlistDto>;
export const ZMyWaitlistList = z.object({ items: z.array(ZMyWaitlistDto) });
