import {
  ZAlertSubscriptionInput,
  ZChooseCommunity,
  ZMyCommunity,
  type TAlertSubscriptionInput,
  type TChooseCommunity,
} from '@shared/schemas/community/residents';
import type { AppDeps } from '../../../deps';
import { member } from '../../../http/policy';
import { unlessRefused } from '../../../http/refusals';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { chooseCommunity, setAlertSubscription } from './commands';
import { presentMine, residentOf } from './queries';

export function routes(_deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/community',
      summary: '我的社区（选择的或按位置推断的）与紧急提醒订阅',
      tags: ['community'],
      policy: member,
      response: ZMyCommunity,
      handler: async (ctx) => {
        ctx.body = await presentMine(await residentOf(ctx.state.actor!.userId));
      },
    }),
    defineRoute<TChooseCommunity>({
      method: 'put',
      path: '/api/me/community',
      summary: '选择我的社区（communityId），或提供位置（GCJ-02）由系统推断最近的社区',
      tags: ['community'],
      policy: member,
      response: ZMyCommunity,
      body: ZChooseCommunity,
      handler: async (ctx, { body }) => {
        const r = await chooseCommunity(ctx.state.actor!.userId, body);
        unlessRefused(r, {
          community_not_found: { code: 'validation_failed', fields: [{ path: 'communityId', message: '社区不存在' }] },
          no_community_near: { code: 'validation_failed', fields: [{ path: 'location', message: '附近没有可选的社区' }] },
        });
        ctx.body = await presentMine(r.resident);
      },
    }),
    defineRoute<TAlertSubscriptionInput>({
      method: 'put',
      path: '/api/me/community/alerts',
      summary: '订阅或取消紧急提醒推送（我的社区及全区的紧急公告）',
      tags: ['community'],
      policy: member,
      response: ZMyCommunity,
      body: ZAlertSubscriptionInput,
      handler: async (ctx, { body }) => {
        ctx.body = await presentMine(await setAlertSubscription(ctx.state.actor!.userId, body.alerts));
      },
    }),
  ];
}
