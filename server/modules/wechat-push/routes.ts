import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { defineRoute, type RouteSpec } from '../../http/route';
import { parseMediaCheckEvent } from '../../wechat';
import { receiveMediaCheck } from './commands/receive-media-check';
import { wechatSignedPush } from './policy';
import { ZHandshakeQuery, ZPushQuery, type THandshakeQuery, type TPushQuery } from './schema';

/**
 * WeChat's message push ("消息推送", plain-text mode, JSON). Configure the console with
 * URL `$PUBLIC_BASE_URL/api/wechat/push` and Token `WECHAT_MESSAGE_TOKEN`.
 */
export function routes(deps: AppDeps): RouteSpec[] {
  const policy = wechatSignedPush(deps.config.WECHAT_MESSAGE_TOKEN, deps.now);
  return [
    defineRoute<undefined, THandshakeQuery>({
      method: 'get',
      path: '/api/wechat/push',
      summary: '微信消息推送地址校验：签名正确时原样返回 echostr',
      tags: ['wechat'],
      policy,
      query: ZHandshakeQuery,
      produces: 'text/plain',
      handler: async (ctx, { query }) => {
        ctx.type = 'text/plain';
        ctx.body = query.echostr;
      },
    }),
    defineRoute<undefined, TPushQuery>({
      method: 'post',
      path: '/api/wechat/push',
      summary: '接收微信消息推送（验签后处理图片异步检测结果 wxa_media_check），成功返回 success',
      tags: ['wechat'],
      policy,
      query: ZPushQuery,
      produces: 'text/plain',
      handler: async (ctx) => {
        const event = parseMediaCheckEvent(ctx.request.body);
        if (event) {
          const outcome = await receiveMediaCheck(event, deps);
          deps.logger.info({ traceId: event.traceId, suggest: event.suggest, outcome }, 'wxa_media_check received');
          // Not stored yet (the verdict outran the upload): an error makes WeChat push it again.
          if (outcome === 'unknown_trace') throw fail('conflict', '检测结果对应的照片尚未保存，请稍后重试');
        } else {
          // Other events are not ours to handle; acknowledging stops WeChat retrying them.
          const body = ctx.request.body as Record<string, unknown> | undefined;
          deps.logger.info({ event: body?.Event, msgType: body?.MsgType }, 'wechat push ignored');
        }
        ctx.type = 'text/plain';
        ctx.body = 'success';
      },
    }),
  ];
}
