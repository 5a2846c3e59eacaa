import type { Model, QueryFilter, SortOrder } from 'mongoose';
import type { ReviewItem, ReviewKind } from './kind';

/**
 * `count` and `list` of a kind whose held items are the documents of one
 * collection matching a filter: oldest first, presented a page at a time
 * (the presenter gets the whole page, so it can batch its lookups).
 */
export function heldInCollection<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  sort: Record<string, SortOrder>,
  present: (rows: T[]) => ReviewItem[] | Promise<ReviewItem[]>,
): Pick<ReviewKind, 'count' | 'list'> {
  return {
    count: async () => model.countDocuments(filter),
    async list(_deps, page) {
      const [rows, total] = await Promise.all([
        model.find(filter).sort(sort).skip(page.skip).limit(page.limit).lean<T[]>(),
        model.countDocuments(filter),
      ]);
      return { items: await present(rows), total };
    },
  };
}
