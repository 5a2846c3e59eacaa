import type { Types } from 'mongoose';
import { User, type UserDoc } from '../model';

/**
 * Sign-in's writes of the account (server/modules/auth owns sessions, passwords and throttling;
 * these touch only the account document; its reads are in ../queries.ts). Model calls, so
 * inside `inUnitOfWork` they join its transaction.
 */

/** A resident's account at first login; a second account with the openid throws the duplicate-key error (11000). */
export async function createResidentAccount(input: { openid: string; unionid?: string; displayName: string }): Promise<UserDoc> {
  const created = await User.create({ kind: 'resident', ...input, roles: [{ role: 'resident' }] });
  return created.toObject();
}

/** Replaces the password hash while it is still `previous`; false when it changed meanwhile. */
export async function replacePasswordHash(id: Types.ObjectId, previous: string, next: string): Promise<boolean> {
  const r = await User.updateOne({ _id: id, passwordHash: previous }, { $set: { passwordHash: next } });
  return r.modifiedCount === 1;
}
