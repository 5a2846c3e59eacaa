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

export const ZCertificateDto = z.object({
  serial: z.string(),
  /** `name`: the holder's full name, on their own copy only (the public verification shows nameMasked). */
  holder: z.object({ name: z.string().optional(), nameMasked: z.string(), idNumberMasked: z.string() }),
  totalMinutes: z.number().int(),
  totalHours: z.string(),
  services: z.array(ZCertificateServiceDto),
  issuer: z.object({ type: z.enum(['team', 'district']), name: z.string(), teamId: z.string().nullable() }),
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
