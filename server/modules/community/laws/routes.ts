import { LAW_TOPIC_LABELS, LAW_TOPICS } from '@shared/law-topics';
import {
  ZLawArticle,
  ZLawIdParams,
  ZLawPage,
  ZLawSearchQuery,
  ZLawTopics,
  type TLawIdParams,
  type TLawSearchQuery,
} from '@shared/schemas/community/laws';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { publicAccess } from '../../../http/policy';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { presentLawArticle, presentLawSummary } from './presenter';
import { findLaw, searchLaws, topicCounts } from './queries';

export function routes(_deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TLawSearchQuery>({
      method: 'get',
      path: '/api/laws',
      summary: '法规库检索：按关键词（中文分词，标题命中优先，按相关度排序）和/或专题',
      tags: ['community'],
      policy: publicAccess,
      response: ZLawPage,
      query: ZLawSearchQuery,
      authenticateWhen: () => false,
      handler: async (ctx, { query }) => {
        const { items, total } = await searchLaws(query);
        ctx.body = { items: items.map(presentLawSummary), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/laws/topics',
      summary: '法规库专题及条目数（专题编码供法律咨询主题、随手拍类别引用）',
      tags: ['community'],
      policy: publicAccess,
      response: ZLawTopics,
      authenticateWhen: () => false,
      handler: async (ctx) => {
        const counts = await topicCounts();
        ctx.body = { items: LAW_TOPICS.map((code) => ({ code, label: LAW_TOPIC_LABELS[code], count: counts.get(code) ?? 0 })) };
      },
    }),
    defineRoute<undefined, undefined, TLawIdParams>({
      method: 'get',
      path: '/api/laws/:id',
      summary: '法条或以案说法全文，含来源与施行日期',
      tags: ['community'],
      policy: publicAccess,
      response: ZLawArticle,
      params: ZLawIdParams,
      authenticateWhen: () => false,
      handler: async (ctx, { params }) => {
        const d = await findLaw(params.id);
        if (!d) throw fail('not_found', '条目不存在');
        ctx.body = presentLawArticle({ ...d, score: 0 });
      },
    }),
  ];
}
