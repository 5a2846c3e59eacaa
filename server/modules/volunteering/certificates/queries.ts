import { Types } from 'mongoose';
import { Certificate, type CertificateDoc } from './model';

/** Read paths of certificates (no writes). */

/** The volunteer's certificates, latest first (at most 100). */
export const certificatesOf = (userId: string): Promise<CertificateDoc[]> =>
  Certificate.find({ user: new Types.ObjectId(userId) })
    .sort({ issuedAt: -1 })
    .limit(100)
    .lean<CertificateDoc[]>()
    .exec();

export const certificateBySerial = (serial: string): Promise<CertificateDoc | null> =>
  Certificate.findOne({ serial }).lean<CertificateDoc>().exec();

const issuerFilter = (teamId: string | undefined): Record<string, unknown> =>
  teamId ? { 'issuer.team': new Types.ObjectId(teamId) } : { 'issuer.type': 'district' };

/** Certificates waiting for the issuer's confirmation (a team's, or the district's own), oldest first. */
export const pendingCertificates = (teamId: string | undefined): Promise<CertificateDoc[]> =>
  Certificate.find({ status: 'pending', ...issuerFilter(teamId) })
    .sort({ requestedAt: 1 })
    .limit(200)
    .lean<CertificateDoc[]>()
    .exec();

/** Certificates in their 公示 now (listed, the 7 days not over), latest first. */
export const listedCertificates = (teamId: string | undefined, now: Date): Promise<CertificateDoc[]> =>
  Certificate.find({ status: 'listed', listedUntil: { $gt: now }, ...issuerFilter(teamId) })
    .sort({ listedUntil: -1 })
    .limit(200)
    .lean<CertificateDoc[]>()
    .exec();
