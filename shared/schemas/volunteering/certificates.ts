import { z } from 'zod';
import { ZObjectId } from '../common';

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

export interface TCertificateServiceDto {
  activityTitle: string;
  teamName: string;
  /** First day served, Asia/Shanghai, YYYY-MM-DD. */
  date: string;
  minutes: number;
  hours: string;
}

export interface TCertificateDto {
  serial: string;
  holder: { nameMasked: string; idNumberMasked: string };
  totalMinutes: number;
  totalHours: string;
  services: TCertificateServiceDto[];
  issuer: { type: 'team' | 'district'; name: string; teamId: string | null };
  issuedAt: string;
  verifyUrl: string;
  pdfPath: string;
}

/** What the public verification page shows: authenticity, no personal data beyond a masked name. */
export interface TCertificateVerificationDto {
  authentic: true;
  serial: string;
  holderNameMasked: string;
  totalMinutes: number;
  totalHours: string;
  issuer: string;
  issuedAt: string;
}
