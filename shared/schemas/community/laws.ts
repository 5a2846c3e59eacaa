import { z } from 'zod';
import { LAW_TOPICS } from '../../law-topics';
import { ZObjectId, ZPagination, zPage } from '../common';

export const LAW_KINDS = ['article', 'explainer'] as const;
export const LAW_KIND_LABELS = { article: '法条', explainer: '以案说法' } as const;

export const ZLawSearchQuery = ZPagination.extend({
  q: z.string().trim().max(30, '关键词不能超过 30 个字').optional(),
  topic: z.enum(LAW_TOPICS, { error: '专题无效' }).optional(),
}).refine((v) => (v.q ?? '').length >= 1 || v.topic !== undefined, { message: '请输入关键词或选择专题', path: ['q'] });
export type TLawSearchQuery = z.infer<typeof ZLawSearchQuery>;

export const ZLawIdParams = z.strictObject({ id: ZObjectId });
export type TLawIdParams = z.infer<typeof ZLawIdParams>;

export const ZLawSummary = z.object({
  id: z.string(),
  kind: z.enum(LAW_KINDS),
  law: z.string(),
  title: z.string(),
  topics: z.array(z.enum(LAW_TOPICS)),
  excerpt: z.string(),
  source: z.string(),
  effectiveDate: z.string(),
  /** Relevance to the query (higher first); 0 for a topic listing. */
  score: z.number(),
});
export type TLawSummary = z.infer<typeof ZLawSummary>;
export const ZLawArticle = ZLawSummary.extend({ text: z.string() });
export type TLawArticle = z.infer<typeof ZLawArticle>;
export const ZLawPage = zPage(ZLawSummary);
export const ZLawTopics = z.object({
  items: z.array(z.object({ code: z.enum(LAW_TOPICS), label: z.string(), count: z.number().int() })),
});
