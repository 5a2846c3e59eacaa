import { LawArticle } from './model';
import { STARTER_SET, type StarterArticle } from './starter-set';
import { indexKeys } from './tokenize';

/** The document an article becomes, with its search keys. */
export function lawDocument(a: StarterArticle) {
  return { ...a, tokens: indexKeys(`${a.law} ${a.title} ${a.text}`), titleTokens: indexKeys(`${a.law} ${a.title}`) };
}

/** Seeds (or refreshes) the starter set by key: idempotent, safe on every start. */
export async function seedLawStarterSet(): Promise<number> {
  const ops = STARTER_SET.map((a) => ({
    updateOne: { filter: { key: a.key }, update: { $set: lawDocument(a) }, upsert: true },
  }));
  await LawArticle.bulkWrite(ops, { ordered: false });
  return STARTER_SET.length;
}
