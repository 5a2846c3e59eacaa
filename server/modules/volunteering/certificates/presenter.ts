import type { TCertificateDto, TCertificateVerificationDto } from '@shared/schemas/volunteering/certificates';
import { formatHours, shanghaiDate } from '../hours';
import type { CertificateDoc } from './model';

/** The public page the QR code on the paper points at (H5 portal, hash router). */
export const certificateVerifyUrl = (publicBaseUrl: string, serial: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/#/packages/volunteer/verify/index?serial=${encodeURIComponent(serial)}`;

/** The holder's own copy: `holderName` is their full name (ID number always masked). */
export function presentCertificate(c: CertificateDoc, publicBaseUrl: string, holderName?: string | null): TCertificateDto {
  return {
    serial: c.serial,
    holder: {
      ...(holderName ? { name: holderName } : {}),
      nameMasked: c.holder.nameMasked,
      idNumberMasked: c.holder.idNumberMasked,
    },
    totalMinutes: c.totalMinutes,
    totalHours: formatHours(c.totalMinutes),
    services: c.services.map((s) => ({
      activityTitle: s.activityTitle,
      teamName: s.teamName,
      date: shanghaiDate(s.date),
      minutes: s.minutes,
      hours: formatHours(s.minutes),
    })),
    issuer: { type: c.issuer.type, name: c.issuer.name, teamId: c.issuer.team ? String(c.issuer.team) : null },
    issuedAt: c.issuedAt.toISOString(),
    verifyUrl: certificateVerifyUrl(publicBaseUrl, c.serial),
    pdfPath: `/api/me/certificates/${c.serial}/pdf`,
  };
}

export const presentVerification = (c: CertificateDoc): TCertificateVerificationDto => ({
  authentic: true,
  serial: c.serial,
  holderNameMasked: c.holder.nameMasked,
  totalMinutes: c.totalMinutes,
  totalHours: formatHours(c.totalMinutes),
  issuer: c.issuer.name,
  issuedAt: c.issuedAt.toISOString(),
});
