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

/** The account's stored real name (sealed; undefined when not verified); null when there is no such account (or it is deleted, with `notDeleted`). */
export async function storedRealName(id: UserId, opts: { notDeleted?: boolean } = {}): Promise<{ realName?: RealNameDoc } | null> {
  const filter: Record<string, unknown> = opts.notDeleted ? { _id: id, status: { $ne: 'deleted' } } : { _id: id };
  const u = await User.findOne(filter, { realName: 1 }).lean<Pick<UserDoc, 'realName'>>().exec();
  return u ? { realName: u.realName } : null;
}

/** Accounts (not deleted) whose phone or verified-name search hash is `hash`, newest first. */
export const usersBySearchHash = (by: 'phone' | 'name', hash: string, limit: number): Promise<UserDoc[]> =>
  User.find({ ...(by === 'phone' ? { phoneHash: hash } : { 'realName.nameHash': hash }), status: { $ne: 'deleted' } })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean<UserDoc[]>()
    .exec();

/** An account that is not deleted (active or disabled), whole: the district admin's views. */
export const findAccount = (id: string): Promise<UserDoc | null> =>
  User.findOne({ _id: id, status: { $ne: 'deleted' } }).lean<UserDoc>().exec();

export const usernameTaken = async (username: string): Promise<boolean> => (await User.exists({ username })) !== null;

/** Whether the account is active and holds the role in this scope. */
export const hasActiveScopedRole = async (id: string, role: TRole, scopeId: string | undefined): Promise<boolean> =>
  (await User.exists({ _id: id, status: 'active', roles: { $elemMatch: { role, scopeId } } })) !== null;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The district admin's account list: not deleted, by role, kind or a name/username fragment, newest first. */
export async function listAccounts(q: {
  role?: TRole;
  kind?: UserDoc['kind'];
  q?: string;
  page: number;
  pageSize: number;
}): Promise<{ items: UserDoc[]; total: number }> {
  const filter: Record<string, unknown> = { status: { $ne: 'deleted' } };
  if (q.role) filter['roles.role'] = q.role;
  if (q.kind) filter.kind = q.kind;
  if (q.q) {
    const re = new RegExp(escapeRegex(q.q), 'i');
    filter.$or = [{ displayName: re }, { username: re }];
  }
  const [items, total] = await Promise.all([
    User.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<UserDoc[]>(),
    User.countDocuments(filter),
  ]);
  return { items, total };
}

/* Sign-in's reads (server/modules/auth). */

// Only what the actor needs (not the consent history or the encrypted identity).
const ACTOR_FIELDS = { kind: 1, roles: 1, status: 1, 'consent.version': 1, 'realName.verifiedAt': 1 };
export type ActorAccount = Pick<UserDoc, '_id' | 'kind' | 'roles' | 'status' | 'consent' | 'realName'>;

/** The accounts behind sessions, with only the fields an actor is made of. A lone id keeps the plain findOne. */
export async function actorAccounts(ids: readonly string[]): Promise<ActorAccount[]> {
  const rows =
    ids.length === 1
      ? [await User.findById(ids[0], ACTOR_FIELDS).lean<ActorAccount>()]
      : await User.find({ _id: { $in: [...ids] } }, ACTOR_FIELDS).lean<ActorAccount[]>();
  return rows.filter((u): u is ActorAccount => u !== null);
}

export const findStaffByUsername = (username: string): Promise<UserDoc | null> =>
  User.findOne({ username, kind: 'staff' }).lean<UserDoc>().exec();

export const findByOpenid = (openid: string): Promise<UserDoc | null> => User.findOne({ openid }).lean<UserDoc>().exec();

/** A staff account's password hash (null: no such account, or not staff, or no password). */
export async function staffPasswordHash(id: string): Promise<{ _id: Types.ObjectId; passwordHash: string } | null> {
  const u = await User.findById(id, { kind: 1, passwordHash: 1 }).lean<Pick<UserDoc, '_id' | 'kind' | 'passwordHash'>>();
  return u && u.kind === 'staff' && u.passwordHash ? { _id: u._id, passwordHash: u.passwordHash } : null;
}

export type SearchHashGaps = Pick<UserDoc, '_id' | 'phone' | 'phoneHash' | 'realName'>;

/** Accounts stored before the search hashes existed (a phone or real name without its hash). */
export const accountsMissingSearchHashes = (limit: number): Promise<SearchHashGaps[]> =>
  User.find(
    {
      $or: [
        { phone: { $exists: true }, phoneHash: { $exists: false } },
        { realName: { $exists: true }, 'realName.nameHash': { $exists: false } },
      ],
    },
    { phone: 1, phoneHash: 1, realName: 1 },
  )
    .limit(limit)
    .lean<SearchHashGaps[]>()
    .exec();
