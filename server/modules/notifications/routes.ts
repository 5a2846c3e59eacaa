import { ZNoContent } from '@shared/schemas/common';
import {
  ZConsentCounts,
  ZNotificationList,
  ZNotificationIdParams,
  ZNotificationListQuery,
  ZSubscriptionsInput,
  type TNotificationIdParams,
  type TNotificationListQuery,
  type TSubscriptionsInput,
} from '@shared/schemas/notifications';
import type { AppDeps } from '../../deps';
import { defineRoute, type RouteSpec } from '../../http/route';
import { member } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { recordSubscribeResults } from './consents';
import { listInbox, markRead } from './inbox';
import { presentNotification } from './presenter';

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<TSubscriptionsInput>({
      method: 'post',
      path: '/api/me/subscriptions',
      summary: '上报 wx.requestSubscribeMessage 的结果（每个 accept 增加一次该模板的发送授权）',
      tags: ['me'],
      policy: member,
      response: ZConsentCounts,
      body: ZSubscriptionsInput,
      handler: async (ctx, { body }) => {
        const r = await recordSubscribeResults(deps, ctx.state.actor!.userId, body);
        unlessRefused(r, {
          not_found: 'not_found',
          unknown_templates: (u) => ({
            code: 'validation_failed',
            fields: u.templateIds.map((t) => ({ path: `results.${t}`, message: '未知的订阅消息模板' })),
          }),
        });
        ctx.body = { consents: r.consents };
      },
    }),
    defineRoute<undefined, TNotificationListQuery>({
      method: 'get',
      path: '/api/me/notifications',
      summary: '站内消息（最新在前）',
      tags: ['me'],
      policy: member,
      response: ZNotificationList,
      query: ZNotificationListQuery,
      handler: async (ctx, { query }) => {
        const { items, total, unread } = await listInbox(ctx.state.actor!.userId, query);
        ctx.body = { items: items.map(presentNotification), total, unread };
      },
    }),
    defineRoute<undefined, undefined, TNotificationIdParams>({
      method: 'post',
      path: '/api/me/notifications/:id/read',
      summary: '标记消息为已读',
      tags: ['me'],
      policy: member,
      response: ZNoContent,
      params: ZNotificationIdParams,
      handler: async (ctx, { params }) => {
        unlessRefused(await markRead(ctx.state.actor!.userId, params.id, deps.now()), { not_found: 'not_found' });
        ctx.status = 204;
      },
    }),
  ];
}
