import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Session, type SessionDoc } from './session-model';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Issues an opaque 32-byte random token; only its hash is stored. */
export async function issueToken(
  userId: Types.ObjectId,
  now: Date,
  ttlDays: number,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  const session = await Session.create({ tokenHash: hashToken(token), userId, expiresAt, lastSeenAt: now });
  return { token, expiresAt, sessionId: String(session._id) };
}

export async function revokeSession(sessionId: string, now: Date): Promise<void> {
  await Session.updateOne({ _id: sessionId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
}

/** Ends every session of a user (logout everywhere, disable, delete). */
export async function revokeAllSessions(userId: Types.ObjectId | string, now: Date): Promise<number> {
  const res = await Session.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
  return res.modifiedCount;
}

/** A user's sessions, newest first (the personal data export lists them without their token hashes). */
export const sessionsOfUser = (userId: Types.ObjectId | string): Promise<SessionDoc[]> =>
  Session.find({ userId }).sort({ createdAt: -1 }).lean<SessionDoc[]>().exec();
