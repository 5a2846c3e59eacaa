import { z } from 'zod';
import { ZDateOut, ZObjectId } from '../common';

/**
 * Service-record certificate (志愿服务记录证明) with the fields the Ministry of Civil Affairs
 * rules ask for: holder (masked name and ID), total confirmed hours, the services listed,
 * issuing body (team or district), serial number and issue date.
 */
export const ZIssueCertificateBody = z.strictObject({
  /** Issue for the hours served with one team (issuer: the team); omit for all hours (issuer: the district). */
  teamId: ZObjectId.optional(),
});
export type TIssueCertificateBody = z.infer<typeof ZIssueCertificateBody>;

export const ZSerialParams = z.strictObject({
  serial: z.string({ error: '请输入证明编号' }).trim().min(1, '请输入证明编号').max(40, '证明编号格式不正确'),
});
export type TSerialParams = z.infer<typeof ZSerialParams>;

export const ZCertificateServiceDto = z.object({
  activityTitle: z.string(),
  teamName: z.string(),
  /** First day served, Asia/Shanghai, YYYY-MM-DD. */
  date: z.string(),
  minutes: z.number().int(),
  hours: z.string(),
});
export type TCertificateServiceDto = z.infer<typeof ZCertificateServiceDto>;

/**
 * pending: waits for the issuer to confirm (setting `requireConfirmation`); listed: confirmed and
 * in its 7-day 公示 (setting `publicListing`), effective at `listedUntil`; issued; rejected.
 */
export const CERTIFICATE_STATUSES = ['pending', 'listed', 'issued', 'rejected'] as const;
export const CERTIFICATE_STATUS_LABELS: Record<(typeof CERTIFICATE_STATUSES)[number], string> = {
  pending: '待出具单位确认',
  listed: '公示中',
  issued: '已出具',
  rejected: '未通过',
};
/** 民发〔2015〕149号: the record is shown to the issuer's members for 7 days before it takes effect. */
export const CERTIFICATE_LISTING_DAYS = 7;
/** The issuer's seal image (PNG or JPG, printed on the PDF). */
export const CERTIFICATE_SEAL_MAX_BYTES = 2 * 1024 * 1024;

export const ZCertificateIssuerDto = z.object({
  type: z.enum(['team', 'district']),
  name: z.string(),
  teamId: z.string().nullable(),
  /** 负责人, 经办人 and 联系方式 of the issuing body, as on the paper ('' when not configured). */
  personInCharge: z.string(),
  handler: z.string(),
  contact: z.string(),
});

export const ZCertificateDto = z.object({
  serial: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  /** End of the 公示 (listed certificates), ISO; null otherwise. */
  listedUntil: ZDateOut.nullable(),
  rejectReason: z.string().nullable(),
  /** `name`: the holder's full name, on their own copy only (the public verification shows nameMasked). */
  holder: z.object({
    name: z.string().optional(),
    nameMasked: z.string(),
    idType: z.string().describe('证件类型，如 居民身份证'),
    idNumberMasked: z.string(),
    volunteerNo: z.string().nullable().describe('志愿者编号'),
  }),
  totalMinutes: z.number().int(),
  totalHours: z.string(),
  services: z.array(ZCertificateServiceDto),
  issuer: ZCertificateIssuerDto,
  /** The date on the paper: when it took (or, while listed, takes) effect; the request date while pending. */
  issuedAt: ZDateOut,
  verifyUrl: z.string(),
  pdfPath: z.string(),
});
export type TCertificateDto = z.infer<typeof ZCertificateDto>;
export const ZCertificateList = z.object({ items: z.array(ZCertificateDto) });

/** What the public verification page shows: authenticity, no personal data beyond a masked name. */
export const ZCertificateVerificationDto = z.object({
  authentic: z.literal(true),
  serial: z.string(),
  holderNameMasked: z.string(),
  totalMinutes: z.number().int(),
  totalHours: z.string(),
  issuer: z.string(),
  issuedAt: ZDateOut,
});
export type TCertificateVerificationDto = z.infer<typeof ZCertificateVerificationDto>;

/** What the district admin sets for certificates (the district's own issuing body and the workflow). */
export const ZCertificateSettingsInput = z.strictObject({
  issuerName: z.string().trim().max(60, '出具单位名称最多 60 个字').default(''),
  personInCharge: z.string().trim().max(30, '负责人姓名最多 30 个字').default(''),
  handler: z.string().trim().max(30, '经办人姓名最多 30 个字').default(''),
  contact: z.string().trim().max(60, '联系方式最多 60 个字').default(''),
  /** Each certificate waits for the issuing team's admin (or the district) to confirm it. */
  requireConfirmation: z.boolean({ error: '请选择是否需要确认' }).default(false),
  /** Each certificate is listed for 7 days to the issuer's members before it takes effect. */
  publicListing: z.boolean({ error: '请选择是否公示' }).default(false),
});
export type TCertificateSettingsInput = z.input<typeof ZCertificateSettingsInput>;
export const ZCertificateSettingsDto = z.object({
  issuerName: z.string(),
  personInCharge: z.string(),
  handler: z.string(),
  contact: z.string(),
  requireConfirmation: z.boolean(),
  publicListing: z.boolean(),
  /** Whether a seal image is configured; without one, development prints a placeholder 样章. */
  seal: z.enum(['configured', 'placeholder', 'none']),
});
export type TCertificateSettingsDto = z.infer<typeof ZCertificateSettingsDto>;

export const ZCertificateDecisionBody = z
  .strictObject({
    decision: z.enum(['confirm', 'reject'], { error: '请选择确认或驳回' }),
    reason: z.string().trim().max(200, '理由最多 200 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时请填写理由' });
  });
export type TCertificateDecisionBody = z.infer<typeof ZCertificateDecisionBody>;

export const ZCertificateQueueQuery = z.strictObject({ teamId: ZObjectId.optional() });
export type TCertificateQueueQuery = z.infer<typeof ZCertificateQueueQuery>;

/** One line of a 公示 list or a confirmer's queue: masked identity only. */
export const ZCertificateListingItem = z.object({
  serial: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  holderNameMasked: z.string(),
  volunteerNo: z.string().nullable(),
  totalHours: z.string(),
  issuer: z.string(),
  requestedAt: ZDateOut,
  listedUntil: ZDateOut.nullable(),
});
export const ZCertificateListing = z.object({ items: z.array(ZCertificateListingItem) });
