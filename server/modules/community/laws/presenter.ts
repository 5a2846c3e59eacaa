import type { TLawArticle, TLawSummary } from '@shared/schemas/community/laws';
import type { RankedArticle } from './queries';

const EXCERPT = 60;

export function presentLawSummary(d: RankedArticle): TLawSummary {
  return {
    id: String(d._id),
    kind: d.kind,
    law: d.law,
    title: d.title,
    topics: d.topics,
    excerpt: d.text.length > EXCERPT ? `${d.text.slice(0, EXCERPT)}…` : d.text,
    source: d.source,
    effectiveDate: d.effectiveDate,
    score: d.score,
  };
}

export const presentLawArticle = (d: RankedArticle): TLawArticle => ({ ...presentLawSummary(d), text: d.text });
