import {
  ZReviewDecisionDto,
  ZReviewDecisionInput,
  ZReviewItemParams,
  ZReviewListDto,
  ZReviewListQuery,
  type TReviewDecisionInput,
  type TReviewItemDto,
  type TReviewItemParams,
  type TReviewListQuery,
} from '@shared/schemas/review';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { AppError, fail } from '../../http/errors';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { decideReview } from './decide';
import { reviewKind, reviewKinds, type ReviewItem, type ReviewKind } from './kind';
import { reviewPolicy } from './policy';

const unknownKind = (): AppError =>
  new AppError('validation_failed', { fields: [{ path: 'kind', message: '没有这一类待审核内容' }] });

async function present(kind: ReviewKind, item: ReviewItem, actor: Actor | null): Promise<TReviewItemDto> {
  return {
    kind: kind.name,
    kindLabel: kind.label,
    id: item.id,
    version: item.version,
    state: item.state,
    title: item.title,
    text: item.text,
    previous: item.previous ?? null,
    images: (item.images ?? []).map((i) => ({ url: i.url, label: i.label ?? null })),
    author: { nameMasked: item.author.nameMasked },
    context: item.context ?? [],
    heldAt: item.heldAt.toISOString(),
    abilities: await reviewPolicy.abilities(actor, item),
  };
}

/**
 * Items of every kind, oldest first. Each kind lists its own oldest `skip + limit`
 * items; merged and cut here (a page deep into "all" costs more, which the
 * district's short queue does not notice).
 */
async function listAll(deps: AppDeps, kinds: ReviewKind[], skip: number, limit: number) {
  const lists = await Promise.all(kinds.map(async (k) => ({ k, ...(await k.list(deps, { skip: 0, limit: skip + limit })) })));
  const all = lists.flatMap(({ k, items }) => items.map((item) => ({ k, item })));
  all.sort((a, b) => a.item.heldAt.getTime() - b.item.heldAt.getTime() || a.item.id.localeCompare(b.item.id));
  return all.slice(skip, skip + limit);
}

/** The district's one 内容审核 queue: every registered kind, one list, one decision. */
export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TReviewListQuery>({
      method: 'get',
      path: '/api/admin/review',
      summary: '内容审核队列（区级管理员）：内容安全检测建议人工复核的内容，按类别或全部，先到先审；附各类别待审数量',
      tags: ['review', 'admin'],
      policy: anyRole('district_admin'),
      query: ZReviewListQuery,
      response: ZReviewListDto,
      handler: async (ctx, { query }) => {
        const kinds = reviewKinds();
        const counts = await Promise.all(kinds.map((k) => k.count(deps)));
        const summaries = kinds.map((k, i) => ({ kind: k.name, label: k.label, total: counts[i], approvedHint: k.approvedHint }));
        const skip = (query.page - 1) * query.pageSize;
        let rows: { k: ReviewKind; item: ReviewItem }[];
        let total: number;
        if (query.kind) {
          const k = reviewKind(query.kind);
          if (!k) throw unknownKind();
          const r = await k.list(deps, { skip, limit: query.pageSize });
          rows = r.items.map((item) => ({ k, item }));
          total = r.total;
        } else {
          rows = await listAll(deps, kinds, skip, query.pageSize);
          total = counts.reduce((a, b) => a + b, 0);
        }
        const actor = ctx.state.actor;
        ctx.body = {
          kinds: summaries,
          items: await Promise.all(rows.map(({ k, item }) => present(k, item, actor))),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<TReviewDecisionInput, undefined, TReviewItemParams>({
      method: 'post',
      path: '/api/admin/review/:kind/:id/decision',
      summary: '审核决定（区级管理员）：通过或驳回（驳回需填写原因）；内容已变化或已处理时 409；记入审计并通知作者',
      tags: ['review', 'admin'],
      policy: anyRole('district_admin'),
      params: ZReviewItemParams,
      body: ZReviewDecisionInput,
      response: ZReviewDecisionDto,
      handler: async (ctx, { params, body }) => {
        await reviewPolicy.authorize(ctx.state.actor, body.decision, null);
        const r = await decideReview(deps, ctx.state.actor!, params.kind, params.id, body, ctx.state.requestId);
        if (r.outcome === 'unknown_kind') throw fail('not_found', '没有这一类待审核内容');
        if (r.outcome === 'not_found') throw fail('not_found');
        if (r.outcome === 'nothing_held') throw fail('conflict', '该内容没有待审核的版本，可能已被处理，请刷新后重试');
        if (r.outcome === 'stale') throw fail('conflict', '内容已更新，请刷新后重新审核');
        const applied = r as Extract<typeof r, { result: unknown }>;
        ctx.body = { kind: params.kind, id: params.id, decision: body.decision, outcome: applied.outcome, result: applied.result };
      },
    }),
  ];
}
