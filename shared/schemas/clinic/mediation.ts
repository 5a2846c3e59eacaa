import { z } from 'zod';
import { ZDateOut, ZObjectId, hasRealText, zIsoDate } from '../common';
import { ZPhone } from './clinics';
import { PROVIDER_KINDS, ZDay } from './providers';

export const DISPUTE_TYPES = [
  'neighbour',
  'family',
  'tenancy',
  'labour',
  'property_management',
  'consumer',
  'other',
] as const;
export type TDisputeType = (typeof DISPUTE_TYPES)[number];
export const DISPUTE_TYPE_LABELS: Record<TDisputeType, string> = {
  neighbour: '邻里纠纷',
  family: '婚姻家庭纠纷',
  tenancy: '房屋租赁纠纷',
  labour: '劳动争议',
  property_management: '物业纠纷',
  consumer: '消费纠纷',
  other: '其他矛盾纠纷',
};
export const MEDIATION_OUTCOMES = ['agreement', 'no_agreement', 'withdrawn'] as const;
export type TMediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export const MEDIATION_OUTCOME_LABELS: Record<TMediationOutcome, string> = {
  agreement: '达成协议',
  no_agreement: '未达成',
  withdrawn: '撤回',
};
export const MEDIATION_SOURCES = ['consultation', 'report', 'walk_in'] as const;

const ZPartyIn = z.strictObject({
  name: z
    .string({ error: '请填写当事人姓名' })
    .trim()
    .min(1, '请填写当事人姓名')
    .max(40, '姓名不能超过 40 个字')
    .refine(hasRealText, '姓名须包含文字'),
  phone: ZPhone.optional(),
  role: z.enum(['applicant', 'respondent'], { error: '请选择申请人或被申请人' }),
});

export const ZOpenCaseInput = z.strictObject({
  disputeType: z.enum(DISPUTE_TYPES, { error: '请选择纠纷类型' }),
  description: z
    .string({ error: '请描述纠纷' })
    .trim()
    .min(5, '纠纷描述至少 5 个字')
    .max(2000, '纠纷描述不能超过 2000 个字'),
  parties: z.array(ZPartyIn).min(2, '请至少填写双方当事人').max(10, '当事人不能超过 10 人'),
  clinicId: ZObjectId.optional(),
});
export type TOpenCaseInput = z.infer<typeof ZOpenCaseInput>;
export const ZCaseIdParams = z.strictObject({ caseId: ZObjectId });
export type TCaseIdParams = z.infer<typeof ZCaseIdParams>;
export const ZAssignMediatorInput = z.strictObject({ mediatorId: ZObjectId });
export type TAssignMediatorInput = z.infer<typeof ZAssignMediatorInput>;
export const ZSessionInput = z.strictObject({
  at: zIsoDate('时间格式不正确'),
  place: z.string({ error: '请填写调解地点' }).trim().min(2, '地点至少 2 个字').max(100, '地点不能超过 100 个字'),
  note: z.string().trim().max(1000, '记录不能超过 1000 个字').optional(),
});
export type TSessionInput = z.infer<typeof ZSessionInput>;
export const ZCaseOutcomeInput = z
  .strictObject({
    outcome: z.enum(MEDIATION_OUTCOMES, { error: '请选择调解结果' }),
    agreementText: z.string().trim().max(5000, '协议内容不能超过 5000 个字').optional(),
  })
  .refine((b) => b.outcome !== 'agreement' || (b.agreementText ?? '').length >= 10, {
    message: '达成协议时请填写协议内容（至少 10 个字）',
    path: ['agreementText'],
  });
export type TCaseOutcomeInput = z.infer<typeof ZCaseOutcomeInput>;
export const ZCaseQueueQuery = z.strictObject({ status: z.enum(['open', 'closed']).default('open') });
export type TCaseQueueQuery = z.infer<typeof ZCaseQueueQuery>;

export const ZMediationCaseDto = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(MEDIATION_SOURCES), id: z.string().nullable() }),
  clinicId: z.string().nullable(),
  disputeType: z.enum(DISPUTE_TYPES),
  disputeTypeLabel: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  parties: z.array(
    z.object({ name: z.string(), phone: z.string().nullable(), role: z.enum(['applicant', 'respondent']) }),
  ),
  mediator: z.object({ id: z.string(), name: z.string() }).nullable(),
  sessions: z.array(z.object({ at: ZDateOut, place: z.string(), note: z.string() })),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(MEDIATION_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  agreementText: z.string().nullable(),
  openedAt: ZDateOut,
  closedAt: ZDateOut.nullable(),
});
export type TMediationCaseDto = z.infer<typeof ZMediationCaseDto>;
export const ZMediationCaseEnvelope = z.object({ outcome: z.string(), case: ZMediationCaseDto });
export const ZMediationCaseList = z.object({ items: z.array(ZMediationCaseDto) });

/**
 * A case as one of its parties sees it (GET /api/me/mediation-cases): what was scheduled and
 * how it ended. Never the mediator's session notes, the parties' phones or the dispute
 * description (the committee's file); the agreement text only when the case ended in 达成协议.
 */
export const ZPartyCaseDto = ZMediationCaseDto.pick({
  id: true,
  disputeType: true,
  disputeTypeLabel: true,
  status: true,
  outcome: true,
  outcomeLabel: true,
  agreementText: true,
  openedAt: true,
  closedAt: true,
}).extend({
  clinicName: z.string().nullable(),
  myRole: z.enum(['applicant', 'respondent']),
  myRoleLabel: z.string(),
  mediatorName: z.string().nullable(),
  sessions: z.array(z.object({ at: ZDateOut, place: z.string(), upcoming: z.boolean() })),
  statusLabel: z.string(),
});
export type TPartyCaseDto = z.infer<typeof ZPartyCaseDto>;
export const ZPartyCaseList = z.object({ items: z.array(ZPartyCaseDto) });

export const ZStatsQuery = z.strictObject({ clinicId: ZObjectId.optional(), from: ZDay, to: ZDay });
export type TStatsQuery = z.infer<typeof ZStatsQuery>;
/** No-shows of either side; rate = no-shows ÷ (completed + no-shows), 0 when there were none. */
const ZNoShowCounts = z.object({ resident: z.number().int(), provider: z.number().int(), rate: z.number() });
export const ZClinicStatsDto = z.object({
  scope: z.object({ clinicId: z.string().nullable(), name: z.string(), from: z.string(), to: z.string() }),
  peopleServed: z.number().int(),
  consultations: z.number().int(),
  byTopic: z.array(z.object({ topic: z.string(), label: z.string(), count: z.number().int() })),
  noShow: ZNoShowCounts,
  mediation: z.object({
    cases: z.number().int(),
    agreement: z.number().int(),
    noAgreement: z.number().int(),
    withdrawn: z.number().int(),
    open: z.number().int(),
    /** 达成协议 ÷ (达成协议 + 未达成); null when neither happened yet. */
    successRate: z.number().nullable(),
  }),
  averageRating: z.number().nullable(),
  /**
   * Per clinic (the district's breakdown; one row when the scope is a clinic): every active
   * clinic, and a removed one with activity in the period. Cases without a clinic (reports'
   * disputes) count in the totals above only.
   */
  byClinic: z.array(
    z.object({
      clinicId: z.string(),
      name: z.string(),
      peopleServed: z.number().int(),
      consultations: z.number().int(),
      noShow: ZNoShowCounts,
      mediation: z.object({
        cases: z.number().int(),
        agreement: z.number().int(),
        noAgreement: z.number().int(),
        successRate: z.number().nullable(),
      }),
    }),
  ),
  /**
   * Per Asia/Shanghai month of the period, oldest first (every month, also empty ones): bookings
   * for consultations in the month (waitlist offers not counted), consultations served, no-shows,
   * mediation cases opened, results reached and the success rate of those results.
   */
  byMonth: z.array(
    z.object({
      month: z.string(),
      bookings: z.number().int(),
      consultations: z.number().int(),
      noShows: z.number().int(),
      mediations: z.number().int(),
      agreement: z.number().int(),
      noAgreement: z.number().int(),
      successRate: z.number().nullable(),
    }),
  ),
  /** `providerNoShows`: whether `byProvider` is shown to this asker (coordinators and district admins, not mediators). */
  abilities: z.object({ providerNoShows: z.boolean() }),
  /** Per provider with consultations or no-shows in the period, highest no-show rate first; empty unless `abilities.providerNoShows`. */
  byProvider: z.array(
    z.object({
      providerId: z.string(),
      name: z.string(),
      kind: z.enum(PROVIDER_KINDS),
      clinicId: z.string(),
      clinicName: z.string(),
      consultations: z.number().int(),
      noShow: ZNoShowCounts,
    }),
  ),
});
export type TClinicStatsDto = z.infer<typeof ZClinicStatsDto>;

/** A mediator the committee can assign a case to, with the open cases they already hold. */
export const ZMediatorDto = z.object({ id: z.string(), name: z.string(), activeCases: z.number().int() });
export type TMediatorDto = z.infer<typeof ZMediatorDto>;
export const ZMediatorList = z.object({ items: z.array(ZMediatorDto) });
