import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { appLinks } from '@shared/links';
import {
  DONATION_LIMITS,
  ZDonationConfig,
  ZIdParams,
  ZLedgerPage,
  ZLedgerQuery,
  ZProjectDto,
  ZProjectListQuery,
  ZProjectPage,
  ZReceiptParams,
  ZReceiptVerification,
  type TIdParams,
  type TProjectListQuery,
} from '@shared/schemas/donations';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { publicAccess } from '../../http/policy';
import { defineRoute, type RouteSpec } from '../../http/route';
import { hasRole } from '../../http/actor';
import type { CharityDoc, ProjectDoc } from './model';
import { projectPolicy } from './policy';
import { presentLedgerEntry, presentProject, presentTotals } from './presenter';
import { charitiesById, findCharity, findImage, findOrderBySerial, findProject, ledgerPage, projectPage } from './queries';

export const imagesDir = (deps: AppDeps): string => path.resolve(deps.config.LINLI_DATA_DIR, 'uploads', 'charity');
export const receiptVerifyUrl = (deps: AppDeps, serial: string): string =>
  `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/#${appLinks.receiptVerify(encodeURIComponent(serial))}`;

const PUBLIC_STATUSES: ProjectDoc['status'][] = ['published', 'closed'];
const ZImageQuery = z.strictObject({ size: z.enum(['full', 'thumb'], { error: '尺寸只能是 full 或 thumb' }).optional() });

export async function showProject(deps: AppDeps, actor: Parameters<typeof projectPolicy.abilities>[0], p: ProjectDoc, charity?: CharityDoc | null) {
  return presentProject(p, charity ?? (await findCharity(p.charity)), await projectPolicy.abilities(actor, p), deps.now());
}

export async function loadVisibleProject(id: string, actor: Parameters<typeof hasRole>[0] | null): Promise<ProjectDoc> {
  const p = await findProject(id);
  if (!p || (!PUBLIC_STATUSES.includes(p.status) && !(actor && hasRole(actor, 'district_admin')))) throw fail('not_found', '项目不存在');
  return p;
}

export function publicRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/charity/config',
      summary: '捐赠金额的预设档位与上下限（分）',
      tags: ['donations'],
      policy: publicAccess,
      response: ZDonationConfig,
      handler: async (ctx) => {
        ctx.body = { minFen: DONATION_LIMITS.minFen, maxFen: DONATION_LIMITS.maxFen, presetsFen: [...DONATION_LIMITS.presetsFen] };
      },
    }),
    defineRoute<undefined, TProjectListQuery>({
      method: 'get',
      path: '/api/charity/projects',
      summary: '公益项目列表（募捐中与已结束）：进度、捐赠人数、剩余天数、发起机构与备案编号',
      tags: ['donations'],
      policy: publicAccess,
      response: ZProjectPage,
      query: ZProjectListQuery,
      handler: async (ctx, { query }) => {
        const status = query.status && PUBLIC_STATUSES.includes(query.status) ? query.status : { $in: PUBLIC_STATUSES };
        const { items, total } = await projectPage({ status }, query);
        const charities = await charitiesById(items.map((p) => p.charity));
        const shown = await Promise.all(items.map((p) => showProject(deps, ctx.state.actor, p, charities.get(String(p.charity)))));
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/charity/projects/:id',
      summary: '公益项目详情（草稿与审核中仅区级管理员可见）',
      tags: ['donations'],
      policy: publicAccess,
      response: ZProjectDto,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        ctx.body = await showProject(deps, ctx.state.actor, await loadVisibleProject(params.id, ctx.state.actor));
      },
    }),
    defineRoute<undefined, z.infer<typeof ZLedgerQuery>, TIdParams>({
      method: 'get',
      path: '/api/charity/projects/:id/ledger',
      summary: '项目公开账目：捐赠（姓名脱敏，匿名显示爱心人士）、退款、拨付（含凭证图片）、支付手续费与余额',
      tags: ['donations'],
      policy: publicAccess,
      response: ZLedgerPage,
      params: ZIdParams,
      query: ZLedgerQuery,
      handler: async (ctx, { params, query }) => {
        const p = await loadVisibleProject(params.id, ctx.state.actor);
        const { items, total } = await ledgerPage(p._id, query.kind, query);
        ctx.body = { items: items.map(presentLedgerEntry), total, page: query.page, pageSize: query.pageSize, totals: presentTotals(p) };
      },
    }),
    defineRoute<undefined, z.infer<typeof ZImageQuery>, TIdParams>({
      method: 'get',
      path: '/api/charity/images/:id/file',
      summary: '项目封面与拨付凭证图片（?size=thumb：480px 缩略图）',
      tags: ['donations'],
      policy: publicAccess,
      params: ZIdParams,
      query: ZImageQuery,
      produces: 'image/*',
      handler: async (ctx, { params, query }) => {
        const img = await findImage(params.id);
        const thumb = query.size === 'thumb' && img?.thumbFile;
        const file = img ? path.join(imagesDir(deps), thumb ? img.thumbFile! : img.file) : null;
        const info = file ? await stat(file).catch(() => null) : null;
        if (!img || !file || !info) throw fail('not_found', '图片不存在');
        ctx.set('Content-Type', thumb ? 'image/webp' : img.mime);
        ctx.set('Content-Length', String(info.size));
        ctx.set('Cache-Control', 'public, max-age=86400');
        ctx.body = createReadStream(file);
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof ZReceiptParams>>({
      method: 'get',
      path: '/api/charity/receipts/:serial',
      summary: '核验捐赠确认：项目、机构、金额与支付日期，不含捐赠人信息',
      tags: ['donations'],
      policy: publicAccess,
      response: ZReceiptVerification,
      params: ZReceiptParams,
      handler: async (ctx, { params }) => {
        const order = await findOrderBySerial(params.serial);
        if (!order) throw fail('receipt_not_found');
        const [project, charity] = await Promise.all([findProject(String(order.project)), findCharity(order.charity)]);
        ctx.body = {
          serial: params.serial,
          valid: true,
          projectTitle: project?.title ?? null,
          charityName: charity?.name ?? null,
          filingNumber: charity?.filingNumber ?? null,
          amountFen: order.amountFen,
          refundedFen: order.refundedFen,
          paidAt: order.paidAt ? order.paidAt.toISOString() : null,
          label: '捐赠确认',
        };
      },
    }),
  ];
}
