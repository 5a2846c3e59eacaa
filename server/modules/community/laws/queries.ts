import { Types } from 'mongoose';
import type { TLawSearchQuery } from '@shared/schemas/community/laws';
import type { TLawTopic } from '@shared/law-topics';
import { LawArticle, type LawArticleDoc } from './model';
import { queryKeys } from './tokenize';

/** Enough candidates to rank well; a query matching more than this is too vague to page through anyway. */
const MAX_CANDIDATES = 1000;

export type RankedArticle = Omit<LawArticleDoc, 'tokens' | 'titleTokens'> & { score: number };

/**
 * Relevance: each query word found in the law or title counts 3, in the text 1; the whole query
 * as a phrase adds 5 in the title and 2 in the text; repeated mentions in the text add a little
 * (0.2 each, at most 1). Ties: laws before explainers, then by law and title.
 */
function score(doc: LawArticleDoc, keys: string[], phrase: string): number {
  const title = new Set(doc.titleTokens);
  const all = new Set(doc.tokens);
  let s = 0;
  for (const k of keys) {
    if (title.has(k)) s += 3;
    else if (all.has(k)) s += 1;
    if (all.has(k)) s += Math.min(1, (doc.text.split(k).length - 1) * 0.2);
  }
  if (phrase.length >= 2) {
    if (`${doc.law}${doc.title}`.includes(phrase)) s += 5;
    if (doc.text.includes(phrase)) s += 2;
  }
  return Math.round(s * 100) / 100;
}

export async function searchLaws(q: TLawSearchQuery): Promise<{ items: RankedArticle[]; total: number }> {
  const skip = (q.page - 1) * q.pageSize;
  const filter: Record<string, unknown> = {};
  if (q.topic) filter.topics = q.topic;
  const phrase = (q.q ?? '').trim();
  if (!phrase) {
    const [items, total] = await Promise.all([
      LawArticle.find(filter, { tokens: 0, titleTokens: 0 }).sort({ kind: 1, law: 1, key: 1 }).skip(skip).limit(q.pageSize).lean<LawArticleDoc[]>(),
      LawArticle.countDocuments(filter),
    ]);
    return { items: items.map((d) => ({ ...d, score: 0 })), total };
  }
  const keys = queryKeys(phrase);
  if (keys.length === 0) return { items: [], total: 0 };
  filter.tokens = { $in: keys };
  const candidates = await LawArticle.find(filter).limit(MAX_CANDIDATES).lean<LawArticleDoc[]>();
  const ranked = candidates
    .map((d) => ({ d, s: score(d, keys, phrase) }))
    .sort((a, b) => b.s - a.s || a.d.kind.localeCompare(b.d.kind) || a.d.law.localeCompare(b.d.law) || a.d.key.localeCompare(b.d.key));
  const items = ranked.slice(skip, skip + q.pageSize).map(({ d, s }) => {
    const { tokens: _t, titleTokens: _tt, ...rest } = d;
    return { ...rest, score: s };
  });
  return { items, total: ranked.length };
}

export const findLaw = (id: string): Promise<LawArticleDoc | null> =>
  LawArticle.findById(new Types.ObjectId(id), { tokens: 0, titleTokens: 0 }).lean<LawArticleDoc>().exec();

export async function topicCounts(): Promise<Map<TLawTopic, number>> {
  const rows = await LawArticle.aggregate<{ _id: TLawTopic; n: number }>([{ $unwind: '$topics' }, { $group: { _id: '$topics', n: { $sum: 1 } } }]);
  return new Map(rows.map((r) => [r._id, r.n]));
}
