import type { Types } from 'mongoose';
import { Certificate } from '../model';

/** Account deletion (volunteering/privacy.ts): the volunteer's certificates stop verifying. Idempotent. */
export async function revokeCertificatesOf(user: Types.ObjectId, now: Date): Promise<void> {
  await Certificate.updateMany({ user, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
}
