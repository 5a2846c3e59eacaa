import type { Types } from 'mongoose';
import { User, type UserDoc } from './model';

/** Read paths of user accounts (no writes). */

export const findUser = (id: string): Promise<UserDoc | null> => User.findById(id).lean<UserDoc>().exec();

/** Chosen display names by user id, and nothing else of the account: lists that show who did what. */
export async function displayNames(ids: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const docs = await User.find({ _id: { $in: ids } }, { displayName: 1 }).lean<Pick<UserDoc, '_id' | 'displayName'>[]>();
  return new Map(docs.map((d) => [String(d._id), d.displayName ?? '']));
}
