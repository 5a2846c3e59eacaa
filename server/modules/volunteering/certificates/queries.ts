import { Types } from 'mongoose';
import { Certificate, type CertificateDoc } from './model';

/** Read paths of certificates (no writes). */

/** The volunteer's certificates, latest first (at most 100). */
export const certificatesOf = (userId: string): Promise<CertificateDoc[]> =>
  Certificate.find({ user: new Types.ObjectId(userId) }).sort({ issuedAt: -1 }).limit(100).lean<CertificateDoc[]>().exec();

export const certificateBySerial = (serial: string): Promise<CertificateDoc | null> =>
  Certificate.findOne({ serial }).lean<CertificateDoc>().exec();
