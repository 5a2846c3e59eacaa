import { User, type UserDoc } from '../../users';
import type { TAdminUserQuery } from '../schemas';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function listUsers(q: TAdminUserQuery): Promise<{ items: UserDoc[]; total: number }> {
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
