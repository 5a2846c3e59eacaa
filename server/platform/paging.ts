import type { Model } from 'mongoose';

/**
 * One page of a list read: the matching documents in the given order and how many match in
 * all (the two queries run together). Every list endpoint pages the same way.
 */
export async function findPage<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  page: { page: number; pageSize: number },
): Promise<{ items: T[]; total: number }> {
  const [items, total] = await Promise.all([
    model
      .find(filter)
      .sort(sort)
      .skip((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .lean<T[]>(),
    model.countDocuments(filter),
  ]);
  return { items, total };
}
