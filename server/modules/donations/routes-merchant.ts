import { ZMerchantSettings, ZAnomalyDto, ZAnomalyHandleInput, ZAnomalyPage, ZIdParams, ZMerchantView, ANOMALY_REASON_LABELS, type TIdParams } from '@shared/schemas/donations';
import { ZPagination, type TPagination } from '@shared/schemas/common';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { markAnomalyHandled } from './commands/handle-anomaly';
import { updateMerchant } from './commands/update-merchant';
import { presentMerchant } from './merchant-view';
import { charityAdmin } from './policy';
import type { PaymentAnomalyDoc } from './model';
import { anomalyPage, findAnomaly, findCharity } from './queries';

const presentAnomaly = (a: PaymentAnomalyDoc) => ({
  id: String(a._id),
  reason: a.reason,
  reasonLabel: ANOMALY_REASON_LABELS[a.reason],
  outTradeNo: a.outTradeNo ?? null,
  transactionId: a.transactionId ?? null,
  detail: a.detail,
  at: a.at.toISOString(),
  handled: a.handledAt ? { note: a.handledNote ?? '', by: a.handledByName ?? '', at: a.handledAt.toISOString() } : null,
});

const ZMerchantUpdate = ZMerchantSettings.extend({ version: z.number().int().min(1) });

async function loadCharity(id: string) {
  const c = await findCharity(id);
  if (!c) throw fail('not_found', '公益机构不存在');
  return c;
}

/** District admins: a charity's merchant settings (fingerprints only, never keys) and the payment anomalies. */
export function merchantRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/admin/charities/:id/merchant',
      summary: '商户设置：文件路径与密钥引用，密钥只显示 SHA-256 指纹及能否加载',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZMerchantView,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        ctx.body = presentMerchant(await loadCharity(params.id));
      },
    }),
    defineRoute<z.output<typeof ZMerchantUpdate>, undefined, TIdParams>({
      method: 'put',
      path: '/api/admin/charities/:id/merchant',
      summary: '修改商户设置（证书更换、改用微信支付公钥、新的 APIv3 密钥文件）：每个密钥须能加载才保存；按版本防止覆盖；记入审计',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZMerchantView,
      params: ZIdParams,
      body: ZMerchantUpdate,
      handler: async (ctx, { params, body }) => {
        const r = await updateMerchant(deps, ctx.state.actor!, await loadCharity(params.id), body, ctx.state.requestId);
        unlessRefused(r, {
          conflict: 'conflict',
          unreadable: (x) => ({ code: 'validation_failed', fields: x.fields }),
          key_mismatch: (x) => ({ code: 'merchant_key_mismatch', fields: x.fields }),
        });
        ctx.body = presentMerchant(r.charity);
      },
    }),
    defineRoute<undefined, TPagination>({
      method: 'get',
      path: '/api/admin/charity/anomalies',
      summary: '支付异常：验签通过但与订单不符的通知（本地无订单、商户号/AppID/金额不符、退款不符），最新在前',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZAnomalyPage,
      query: ZPagination,
      handler: async (ctx, { query }) => {
        const { items, total } = await anomalyPage(query);
        ctx.body = {
          items: items.map(presentAnomaly),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<z.output<typeof ZAnomalyHandleInput>, undefined, TIdParams>({
      method: 'post',
      path: '/api/admin/charity/anomalies/:id/handled',
      summary: '标记支付异常为已处理（须填处理说明，记入审计；只能处理一次）',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZAnomalyDto,
      params: ZIdParams,
      body: ZAnomalyHandleInput,
      handler: async (ctx, { params, body }) => {
        const anomaly = await findAnomaly(params.id);
        if (!anomaly) throw fail('not_found', '该支付异常不存在');
        const r = await markAnomalyHandled(deps, ctx.state.actor!, anomaly, body.note, ctx.state.requestId);
        unlessRefused(r, { already_handled: 'payment_anomaly_handled' });
        ctx.body = presentAnomaly(r.anomaly);
      },
    }),
  ];
}
