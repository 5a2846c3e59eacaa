import {
  ZOutboxDeadPage,
  ZOutboxDeadQuery,
  ZOutboxRetryInput,
  ZOutboxRetryResult,
  type TOutboxDeadQuery,
  type TOutboxEventDto,
  type TOutboxRetryInput,
} from '@shared/schemas/outbox';
import type { AppDeps } from '../../deps';
import { anyRole } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import type { OutboxEventDoc } from '../../platform/outbox/model';
import { retryDeadLetters } from './commands/retry';
import { deadLetterPage } from '../../platform/outbox/store';

/** Every field listed; the payload stays on the server (it may name residents). */
export const presentOutboxEvent = (e: OutboxEventDoc): TOutboxEventDto => ({
  id: String(e._id),
  type: e.type,
  aggregate: e.aggregate,
  status: e.status,
  attempts: e.attempts,
  ...(e.failedSubscriber ? { failedSubscriber: e.failedSubscriber } : {}),
  ...(e.lastError ? { lastError: e.lastError } : {}),
  createdAt: e.createdAt.toISOString(),
  ...(e.deadAt ? { deadAt: e.deadAt.toISOString() } : {}),
});

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TOutboxDeadQuery>({
      method: 'get',
      path: '/api/admin/outbox/dead',
      summary: '投递失败的事件（区级管理员）：订阅方多次重试仍失败、已停止投递的领域事件，最新在前',
      tags: ['admin'],
      policy: anyRole('district_admin'),
      query: ZOutboxDeadQuery,
      response: ZOutboxDeadPage,
      handler: async (ctx, { query }) => {
        const { items, total } = await deadLetterPage(query.page, query.pageSize);
        ctx.body = { items: items.map(presentOutboxEvent), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<TOutboxRetryInput>({
      method: 'post',
      path: '/api/admin/outbox/retry',
      summary: '重新投递失败的事件（区级管理员）：从第一次尝试重新开始，返回重新投递的数量',
      tags: ['admin'],
      policy: anyRole('district_admin'),
      body: ZOutboxRetryInput,
      response: ZOutboxRetryResult,
      handler: async (ctx, { body }) => {
        const { retried } = await retryDeadLetters(deps, ctx.state.actor!, body.ids, ctx.state.requestId);
        ctx.body = { retried };
      },
    }),
  ];
}
