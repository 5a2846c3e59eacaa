import type { Model } from 'mongoose';

const isDuplicateKey = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;

/**
 * Find by a stable key or create; a duplicate-key race with another starting
 * process resolves to the document that process created. Existing documents
 * are left as they are (an operator may have edited the demo data).
 */
export async function ensure<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  doc: Partial<T>,
): Promise<T & { _id: unknown }> {
  const found = await model.findOne(filter).lean<T & { _id: unknown }>();
  if (found) return found;
  try {
    const created = await model.create({ ...filter, ...doc } as T);
    return created.toObject() as T & { _id: unknown };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const again = await model.findOne(filter).lean<T & { _id: unknown }>();
    if (!again) throw e;
    return again;
  }
}
