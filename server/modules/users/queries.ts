import type { Types } from 'mongoose';
import type { TRole } from '@shared/enums';
import { User, type RealNameDoc, type UserDoc } from './model';

/**
 * Read paths of user accounts (no writes). Other modules read accounts only through these
 * (the facade, index.ts): each says what it returns, never the whole account document.
 */

type UserId = string | Types.ObjectId;

export const findUser = (id: string): Promise<UserDoc | null> => User.findById(id).lean<UserDoc>().exec();

/** Chosen display names by user id, and nothing else of the account: lists that show who did what. */
export async function displayNames(ids: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const docs = await User.find({ _id: { $in: ids } }, { displayName: 1 }).lean<Pick<UserDoc, '_id' | 'displayName'>[]>();
  return new Map(docs.map((d) => [String(d._id), d.displayName ?? '']));
}

export interface UserContact {
  /** The mini-program openid (content checks, subscribe messages, JSAPI pay); absent for staff. */
  openid?: string;
  displayName: string;
  status: UserDoc['status'];
}

/** How to reach one user and what to call them; null when there is no such account. */
export async function findContact(id: UserId): Promise<UserContact | null> {
  const u = await User.findById(id, { openid: 1, displayName: 1, status: 1 })
    .lean<Pick<UserDoc, 'openid' | 'displayName' | 'status'>>()
    .exec();
  return u ? { openid: u.openid, displayName: u.displayName, status: u.status } : null;
}

/** Resident or staff: the kind an audit entry names for the actor (undefined: no such account). */
export const accountKind = async (id: UserId): Promise<UserDoc['kind'] | undefined> =>
  (await User.findById(id, { kind: 1 }).lean<Pick<UserDoc, 'kind'>>().exec())?.kind;

/** An active account's name, kind and role grants (null when missing, disabled or deleted). */
export const findActiveAccount = (id: UserId): Promise<Pick<UserDoc, '_id' | 'displayName' | 'roles' | 'kind'> | null> =>
  User.findOne({ _id: id, status: 'active' }, { displayName: 1, roles: 1, kind: 1 })
    .lean<Pick<UserDoc, '_id' | 'displayName' | 'roles' | 'kind'>>()
    .exec();

/** The masks of a verified real name (never the encrypted fields); null when not verified. */
export async function realNameMasks(id: UserId): Promise<Pick<RealNameDoc, 'nameMasked' | 'idNumberMasked' | 'verifiedAt'> | null> {
  const u = await User.findById(id, { realName: 1 }).lean<Pick<UserDoc, 'realName'>>().exec();
  const r = u?.realName;
  return r ? { nameMasked: r.nameMasked, idNumberMasked: r.idNumberMasked, verifiedAt: r.verifiedAt } : null;
}

export interface RoleHolderQuery {
  /** Any of these roles. */
  roles: readonly TRole[];
  /** The grant's scope (the same grant must carry one of the roles and this scope). */
  scopeId?: string;
  /** Only among these accounts. */
  among?: readonly Types.ObjectId[];
  /** Leave out disabled and deleted accounts. */
  activeOnly: boolean;
  sortByName?: boolean;
  limit?: number;
}

export type RoleHolder = Pick<UserDoc, '_id' | 'displayName' | 'roles'>;

/** Accounts holding a role (optionally in a scope): assignee pickers, recipients of staff notices. */
export function usersWithRole(q: RoleHolderQuery): Promise<RoleHolder[]> {
  const role = { $in: [...q.roles] };
  const filter: Record<string, unknown> = q.scopeId !== undefined ? { roles: { $elemMatch: { role, scopeId: q.scopeId } } } : { 'roles.role': role };
  if (q.among) filter._id = { $in: [...q.among] };
  if (q.activeOnly) filter.status = 'active';
  let query = User.find(filter, { displayName: 1, roles: 1 });
  if (q.sortByName) query = query.sort({ displayName: 1 });
  if (q.limit !== undefined) query = query.limit(q.limit);
  return query.lean<RoleHolder[]>().exec();
}

/** Ids of the active accounts holding a role. */
export const activeUserIdsWithRole = async (role: TRole): Promise<string[]> =>
  (await usersWithRole({ roles: [role], activeOnly: true })).map((u) => String(u._id));

/** Whether the account is active and holds the role (in any scope). */
export const hasActiveRole = async (id: UserId, role: TRole): Promise<boolean> =>
  (await User.exists({ _id: id, 'roles.role': role, status: 'active' })) !== null;

/** Account ids by staff username (usernames that match no account are left out). */
export async function userIdsByUsername(names: readonly string[]): Promise<Map<string, string>> {
  const users = await User.find({ username: { $in: [...names] } }, { username: 1 }).lean<Pick<UserDoc, '_id' | 'username'>[]>();
  return new Map(users.map((u) => [String(u.username), String(u._id)]));
}

/** Deleted accounts (the user tombstones; a sparse deletedAt index keeps this a short read). */
export const deletedUserIds = async (): Promise<Types.ObjectId[]> =>
  (await User.find({ deletedAt: { $gt: new Date(0) } }, { _id: 1 }).lean<Pick<UserDoc, '_id'>[]>()).map((r) => r._id);

export const isDeletedUser = async (id: UserId): Promise<boolean> =>
  (await User.exists({ _id: id, deletedAt: { $gt: new Date(0) } })) !== null;
