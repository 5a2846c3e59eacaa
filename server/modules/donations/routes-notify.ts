import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { publicAccess } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { handlePayNotification } from './commands/handle-notification';
import { NOTIFY_PATH } from './merchants';
import { readRawBody } from './read-body';

/** WeChat's notifications are small; anything larger is not one. */
const NOTIFY_MAX_BYTES = 64 * 1024;

/** What WeChat Pay reads: 200/204 = received; anything else (with code FAIL) = retry later. */
const ZPayNotifyReply = z.object({ code: z.enum(['SUCCESS', 'FAIL']), message: z.string() });

/**
 * The body is read here, raw and byte for byte (the body parser skips this path: RAW_BODY_PATHS),
 * because the signature covers the exact bytes WeChat sent.
 */
export function notifyRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: NOTIFY_PATH,
      summary: '微信支付通知（支付成功、退款）：验签、5 分钟时间窗、AES-256-GCM 解密、核对商户号/AppID/订单/金额后入账，重复通知只计一次',
      tags: ['donations'],
      policy: publicAccess,
      response: ZPayNotifyReply,
      handler: async (ctx) => {
        const raw = (await readRawBody(ctx.req, NOTIFY_MAX_BYTES)).toString('utf8');
        try {
          const r = await handlePayNotification(deps, ctx.headers, raw);
          if (r.outcome === 'bad_signature') {
            deps.logger.warn({ serial: ctx.get('wechatpay-serial'), ip: ctx.ip }, 'WeChat Pay notification refused: signature, timestamp or ciphertext does not verify');
            ctx.status = 401;
            ctx.body = { code: 'FAIL', message: '签名验证失败' };
            return;
          }
          ctx.status = 200;
          ctx.body = { code: 'SUCCESS', message: '成功' };
        } catch (err) {
          // Transient (database, certificate download): a failure reply makes WeChat retry.
          deps.logger.error({ err }, 'WeChat Pay notification could not be applied: WeChat will retry');
          ctx.status = 500;
          ctx.body = { code: 'FAIL', message: '系统繁忙，请稍后重试' };
        }
      },
    }),
  ];
}
