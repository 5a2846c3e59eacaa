import { Types } from 'mongoose';
import {
  DONATION_LIMITS,
  ZDonateInput,
  ZDonationDto,
  ZDonationPage,
  ZIdParams,
  ZOrderCreated,
  type TIdParams,
} from '@shared/schemas/donations';
import { ZPagination, type TPagination } from '@shared/schemas/common';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { IDEMPOTENCY_HEADER } from '../../http/idempotency';
import { member } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { contentRiskyAnswer } from '../content';
import { CjkFontMissingError } from '../volunteering/certificates';
import { createOrder } from './commands/create-order';
import { donationPolicy } from './policy';
import { presentDonation } from './presenter';
import { charitiesById, donorDisplayName, findCharity, findOrder, findProject, orderPage, projectsById } from './queries';
import { receiptVerifyUrl } from './routes-public';
import { renderReceiptPdf } from './receipt-pdf';

async function loadOwnOrder(id: string, actor: Parameters<typeof donationPolicy.authorize>[0]) {
  const order = await findOrder(id);
  if (!order) throw fail('not_found', '捐赠记录不存在');
  await donationPolicy.authorize(actor, 'view', order);
  return order;
}

export function donorRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<z.output<typeof ZDonateInput>, undefined, TIdParams>({
      method: 'post',
      path: '/api/charity/projects/:id/donations',
      summary: '发起捐赠：小程序返回 wx.requestPayment 签名参数（JSAPI），H5 返回二维码内容 code_url（Native）；同一 Idempotency-Key 在预支付有效期（2 小时）内返回同一订单',
      tags: ['donations'],
      policy: member,
      response: ZOrderCreated,
      params: ZIdParams,
      body: ZDonateInput,
      idempotencyWindowMs: DONATION_LIMITS.prepayTtlMs,
      handler: async (ctx, { params, body }) => {
        const r = await createOrder(deps, { donorId: ctx.state.actor!.userId, projectId: params.id, body, clientKey: ctx.get(IDEMPOTENCY_HEADER) || undefined });
        unlessRefused(r, {
          project_not_found: { code: 'not_found', message: '项目不存在' },
          project_not_open: 'charity_project_not_open',
          openid_required: 'donation_openid_required',
          wechat_unavailable: 'wechat_pay_unavailable',
          key_reused: 'donation_key_reused',
          content_risky: contentRiskyAnswer,
        });
        const [project, charity] = await Promise.all([findProject(String(r.order.project)), findCharity(r.order.charity)]);
        ctx.status = r.outcome === 'created' ? 201 : 200;
        ctx.body = {
          donation: presentDonation(r.order, project, charity?.name ?? ''),
          payParams: r.prepay.payParams ?? null,
          codeUrl: r.prepay.codeUrl ?? null,
          prepayExpiresAt: r.prepay.expiresAt.toISOString(),
        };
      },
    }),
    defineRoute<undefined, TPagination>({
      method: 'get',
      path: '/api/me/donations',
      summary: '我的捐赠（含支付状态、退款与捐赠确认编号）',
      tags: ['donations'],
      policy: member,
      response: ZDonationPage,
      query: ZPagination,
      handler: async (ctx, { query }) => {
        const { items, total } = await orderPage({ donor: new Types.ObjectId(ctx.state.actor!.userId) }, query);
        const projects = await projectsById(items.map((o) => o.project));
        const charities = await charitiesById(items.map((o) => o.charity));
        ctx.body = {
          items: items.map((o) => presentDonation(o, projects.get(String(o.project)) ?? null, charities.get(String(o.charity))?.name ?? '')),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/me/donations/:id',
      summary: '一笔捐赠的状态（H5 扫码支付时页面轮询）',
      tags: ['donations'],
      policy: member,
      response: ZDonationDto,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        const order = await loadOwnOrder(params.id, ctx.state.actor);
        const [project, charity] = await Promise.all([findProject(String(order.project)), findCharity(order.charity)]);
        ctx.body = presentDonation(order, project, charity?.name ?? '');
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/me/donations/:id/receipt',
      summary: '下载捐赠确认（PDF，非公益事业捐赠票据），带编号与核验二维码',
      tags: ['donations'],
      policy: member,
      params: ZIdParams,
      produces: 'application/pdf',
      handler: async (ctx, { params }) => {
        const order = await loadOwnOrder(params.id, ctx.state.actor);
        if (order.status !== 'paid' || !order.receiptSerial) throw fail('donation_not_paid', '捐赠尚未支付，暂无捐赠确认');
        const [project, charity, donor] = await Promise.all([
          findProject(String(order.project)),
          findCharity(order.charity),
          order.donor ? donorDisplayName(order.donor) : null,
        ]);
        let pdf: Buffer;
        try {
          pdf = await renderReceiptPdf(order, project ?? { title: '' }, charity ?? { name: '', uscc: '', filingNumber: '' }, order.anonymous ? '爱心人士（匿名）' : (donor ?? order.donorMasked), receiptVerifyUrl(deps, order.receiptSerial));
        } catch (err) {
          if (err instanceof CjkFontMissingError) throw fail('internal', '捐赠确认暂时无法生成');
          throw err;
        }
        ctx.set('Content-Type', 'application/pdf');
        ctx.set('Content-Disposition', `attachment; filename="donation-${order.receiptSerial}.pdf"`);
        ctx.body = pdf;
      },
    }),
  ];
}
