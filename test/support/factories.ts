/**
 * Factories that go through the real endpoints where it matters (login), and
 * straight to the database where the route under test is not the point.
 */
import { randomBytes } from 'node:crypto';
import type { TLoginResult, TUserDto } from '@shared/schemas/auth';
import type { RoleGrant } from '../../server/http/actor';
import { hashPassword } from '../../server/modules/auth/password';
import { currentPolicyVersion } from '../../server/modules/privacy/policy-text';
// Factories create accounts in any state a test needs (staff with scoped roles, locked, deleted)
// straight on the model, which no facade function offers on purpose; production code uses the facade.
import { User } from '../../server/modules/users/model';
import { presentUser } from '../../server/modules/users/presenter';
import type { TestContext } from './context';

export const uniqueSuffix = (): string => randomBytes(5).toString('hex');

export interface Built {
  user: TUserDto;
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

async function consent(userId: string): Promise<void> {
  const at = new Date();
  const version = currentPolicyVersion();
  await User.updateOne(
    { _id: userId },
    { $set: { 'consent.version': version, 'consent.at': at }, $push: { 'consent.history': { version, at } } },
  );
}

async function reload(userId: string): Promise<TUserDto> {
  const doc = await User.findById(userId).lean();
  if (!doc) throw new Error(`factory: user ${userId} vanished`);
  return presentUser(doc);
}

/** A resident logged in through POST /api/auth/wechat/login with a sandbox code; consented unless told otherwise. */
export async function buildResident(
  ctx: TestContext,
  overrides: { openid?: string; consented?: boolean; displayName?: string; phone?: string } = {},
): Promise<Built & { openid: string }> {
  const openid = overrides.openid ?? `o_test_${uniqueSuffix()}`;
  const res = await ctx.http.post('/api/auth/wechat/login').send({ code: ctx.sandbox.loginCodeFor(openid) });
  if (res.status !== 200) throw new Error(`buildResident: login answered ${res.status} ${JSON.stringify(res.body)}`);
  const login = res.body as TLoginResult;
  const set: Record<string, unknown> = {};
  if (overrides.displayName) set.displayName = overrides.displayName;
  if (overrides.phone) set.phone = overrides.phone;
  if (Object.keys(set).length) await User.updateOne({ _id: login.user.id }, { $set: set });
  if (overrides.consented !== false) await consent(login.user.id);
  return { user: await reload(login.user.id), token: login.token, auth: `Bearer ${login.token}`, openid };
}

/** A staff account created in the database, then logged in through POST /api/auth/staff/login. */
export async function buildStaff(
  ctx: TestContext,
  opts: { roles: RoleGrant[]; username?: string; password?: string; displayName?: string; consented?: boolean },
): Promise<Built & { password: string; username: string }> {
  const username = opts.username ?? `staff_${uniqueSuffix()}`;
  const password = opts.password ?? `pw-${uniqueSuffix()}`;
  const doc = await User.create({
    kind: 'staff',
    username,
    passwordHash: await hashPassword(password),
    displayName: opts.displayName ?? `测试人员${username.slice(-4)}`,
    roles: opts.roles,
  });
  if (opts.consented !== false) await consent(String(doc._id));
  const res = await ctx.http.post('/api/auth/staff/login').send({ username, password });
  if (res.status !== 200) throw new Error(`buildStaff: login answered ${res.status} ${JSON.stringify(res.body)}`);
  const login = res.body as TLoginResult;
  return {
    user: await reload(login.user.id),
    token: login.token,
    auth: `Bearer ${login.token}`,
    password,
    username,
  };
}

/** Shortcut: a district admin. */
export const buildDistrictAdmin = (ctx: TestContext) => buildStaff(ctx, { roles: [{ role: 'district_admin' }] });
