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

/**
 * Ranked answers per (query, topic), kept briefly: the library changes only when it is seeded,
 * and residents ask the same few questions. Seeding clears it (forgetLawSearches).
 */
const SEARCH_TTL_MS = 60_000;
const MAX_SEARCHES = 500;
const searches = new Map<string, { at: number; ranked: Promise<RankedArticle[]> }>();
export const forgetLawSearches = (): void => searches.clear();

function rankedFor(phrase: string, topic: string | undefined): Promise<RankedArticle[]> {
  const key = `${topic ?? ''}|${phrase}`;
  const hit = searches.get(key);
  if (hit && Date.now() - hit.at < SEARCH_TTL_MS) return hit.ranked;
  if (searches.size >= MAX_SEARCHES) searches.delete(searches.keys().next().value as string);
  const ranked = rank(phrase, topic);
  ranked.catch(() => searches.delete(key));
  searches.set(key, { at: Date.now(), ranked });
  return ranked;
}

async function rank(phrase: string, topic: string | undefined): Promise<RankedArticle[]> {
  const keys = queryKeys(phrase);
  if (keys.length === 0) return [];
  const filter: Record<string, unknown> = { tokens: { $in: keys } };
  if (topic) filter.topics = topic;
  const candidates = await LawArticle.find(filter).limit(MAX_CANDIDATES).lean<LawArticleDoc[]>();
  return candidates
    .map((d) => ({ d, s: score(d, keys, phrase) }))
    .sort((a, b) => b.s - a.s || a.d.kind.localeCompare(b.d.kind) || a.d.law.localeCompare(b.d.law) || a.d.key.localeCompare(b.d.key))
    .map(({ d, s }) => {
      const { tokens: _t, titleTokens: _tt, ...rest } = d;
      return { ...rest, score: s };
    });
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
  const ranked = await rankedFor(phrase, q.topic);
  return { items: ranked.slice(skip, skip + q.pageSize), total: ranked.length };
}

export const findLaw = (id: string): Promise<LawArticleDoc | null> =>
  LawArticle.findById(new Types.ObjectId(id), { tokens: 0, titleTokens: 0 }).lean<LawArticleDoc>().exec();

export async function topicCounts(): Promise<Map<TLawTopic, number>> {
  const rows = await LawArticle.aggregate<{ _id: TLawTopic; n: number }>([{ $unwind: '$topics' }, { $group: { _id: '$topics', n: { $sum: 1 } } }]);
  return new Map(rows.map((r) => [r._id, r.n]));
}
