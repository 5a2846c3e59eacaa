import type { Model } from 'mongoose';

/**
 * Indexes a schema no longer declares but databases built before still hold. mongoose only
 * creates indexes, never drops them, and an obsolete unique index keeps refusing writes the
 * new schema allows (e.g. attendance events unique on `(signup, kind)` after `round` joined the
 * key). Models list such indexes by name; start-up drops them where present and touches nothing else.
 */
const retired = new Map<string, { model: Pick<Model<unknown>, 'collection'>; name: string }>();

export function retireIndex(model: Pick<Model<unknown>, 'collection' | 'modelName'>, name: string): void {
  retired.set(`${model.modelName}:${name}`, { model, name });
}

/** Drops every retired index still present; returns `<collection>.<index>` for each one dropped. */
export async function dropRetiredIndexes(): Promise<string[]> {
  const dropped: string[] = [];
  for (const { model, name } of retired.values()) {
    // A collection that does not exist yet has no index to drop (listIndexes fails: NamespaceNotFound).
    const present = await model.collection.indexExists(name).catch(() => false);
    if (!present) continue;
    try {
      await model.collection.dropIndex(name);
      dropped.push(`${model.collection.collectionName}.${name}`);
    } catch (err) {
      // Another process starting at the same time dropped it first (IndexNotFound).
      if ((err as { code?: number }).code !== 27) throw err;
    }
  }
  return dropped;
}
