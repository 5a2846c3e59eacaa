import type { z } from 'zod';
import type {
  TCertificateDto,
  TCertificateVerificationDto,
  ZCertificateListingItem,
} from '@shared/schemas/volunteering/certificates';
import { formatHours, shanghaiDate } from '../hours';
import { effectiveStatus, type CertificateDoc } from './model';

/** The public page the QR code on the paper points at (H5 portal, hash router). */
export const certificateVerifyUrl = (publicBaseUrl: string, serial: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/#/packages/volunteer/verify/index?serial=${encodeURIComponent(serial)}`;

/** The holder's own copy: `holderName` is their full name (ID number always masked). */
export function presentCertificate(
  c: CertificateDoc,
  publicBaseUrl: string,
  holderName: string | null | undefined,
  now: Date,
): TCertificateDto {
  const status = effectiveStatus(c, now);
  return {
    serial: c.serial,
    status,
    listedUntil: status === 'listed' && c.listedUntil ? c.listedUntil.toISOString() : null,
    rejectReason: c.rejectReason ?? null,
    holder: {
      ...(holderName ? { name: holderName } : {}),
      nameMasked: c.holder.nameMasked,
      idType: c.holder.idType ?? '居民身份证',
      idNumberMasked: c.holder.idNumberMasked,
      volunteerNo: c.holder.volunteerNo ?? null,
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
    issuer: {
      type: c.issuer.type,
      name: c.issuer.name,
      teamId: c.issuer.team ? String(c.issuer.team) : null,
      personInCharge: c.issuer.personInCharge ?? '',
      handler: c.issuer.handler ?? '',
      contact: c.issuer.contact ?? '',
    },
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

/** A line of a 公示 list or a confirmer's queue: the masked name only, as the public page. */
export const presentListingItem = (c: CertificateDoc, now: Date): z.infer<typeof ZCertificateListingItem> => ({
  serial: c.serial,
  status: effectiveStatus(c, now),
  holderNameMasked: c.holder.nameMasked,
  volunteerNo: c.holder.volunteerNo ?? null,
  totalHours: formatHours(c.totalMinutes),
  issuer: c.issuer.name,
  requestedAt: (c.requestedAt ?? c.issuedAt).toISOString(),
  listedUntil: c.listedUntil ? c.listedUntil.toISOString() : null,
});
