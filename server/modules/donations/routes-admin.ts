import { Types } from 'mongoose';
import type { z, ZodType } from 'zod';
import {
  DONATION_LIMITS,
  ZAdminDonationPage,
  ZAdminDonationQuery,
  ZCharityDto,
  ZCharityInput,
  ZCharityList,
  ZCoverUpload,
  ZDisbursementInput,
  ZIdParams,
  ZLedgerEntryDto,
  ZProjectDto,
  ZProjectInput,
  ZProjectListQuery,
  ZProjectPage,
  ZReconcileQuery,
  ZReconcileReport,
  ZRefundCreated,
  ZRefundInput,
  ZRefundList,
  type TIdParams,
  type TProjectListQuery,
} from '@shared/schemas/donations';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../http/actor';
import { fail } from '../../http/errors';
import { WechatPayError } from '../../wechat';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { processImage, writeImageFiles } from '../../platform/uploads';
import { readUploadBody } from '../volunteering/gallery';
import { recordDisbursement } from './commands/disburse';
import { closeProject, createCharity, saveProject, submitProject } from './commands/manage-project';
import { requestRefund } from './commands/refund';
import { DonationImage, type ProjectDoc } from './model';
import { charityAdmin, charityDesk, charityPolicy, donationPolicy, projectPolicy, staffCharityIds } from './policy';
import { imageUrl, presentAdminDonation, presentCharity, presentDonation, presentLedgerEntry, presentRefund } from './presenter';
import { charitiesById, findCharity, findOrder, findProject, listCharities, orderPage, projectPage, projectsById, refundsOf } from './queries';
import { reconcile } from './reconcile';
import { imagesDir, showProject } from './routes-public';

const PROJECT_NOT_FOUND = { code: 'not_found', message: '项目不存在' } as const;

async function loadProject(id: string) {
  const p = await findProject(id);
  if (!p) throw fail(PROJECT_NOT_FOUND.code, PROJECT_NOT_FOUND.message);
  return p;
}
async function loadOrder(id: string) {
  const o = await findOrder(id);
  if (!o) throw fail('not_found', '捐赠记录不存在');
  return o;
}

/** A charity_staff actor's lists are narrowed to their charities (undefined: everything). */
const charityFilter = (ids: string[] | undefined) => (ids ? { charity: { $in: ids.map((id) => new Types.ObjectId(id)) } } : {});

const saveRefusals = {
  charity_not_found: { code: 'validation_failed' as const, fields: [{ path: 'charityId', message: '公益机构不存在' }] },
  cover_not_found: { code: 'validation_failed' as const, fields: [{ path: 'coverId', message: '封面图片不存在，请重新上传' }] },
  not_editable: 'charity_project_state_invalid' as const,
};

export function adminRoutes(deps: AppDeps): RouteSpec[] {
  const upload = (purpose: 'cover' | 'proof', path: string, summary: string) =>
    defineRoute({
      method: 'post',
      path,
      summary,
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZCoverUpload,
      produces: 'application/json',
      handler: async (ctx) => {
        const image = await processImage(await readUploadBody(ctx.req, DONATION_LIMITS.coverMaxBytes));
        const id = new Types.ObjectId();
        const stored = await writeImageFiles(imagesDir(deps), `${purpose}/${String(id)}`, image);
        await DonationImage.create({ _id: id, uploader: new Types.ObjectId(ctx.state.actor!.userId), purpose, file: stored.file, thumbFile: stored.thumbFile, mime: image.mime, bytes: image.data.length, createdAt: deps.now() });
        ctx.status = 201;
        ctx.body = { id: String(id), url: imageUrl(id), bytes: image.data.length };
      },
    });
  /**
   * A write to one project (create, edit, submit, close): the command runs in `save` (which maps
   * its refusals), the answer is the project as the asker sees it. On `:id` paths the project is
   * loaded first (404 when there is none) and `action` authorised on it (403: another charity's
   * staff, or staff closing); creating checks the chosen charity in `save`.
   */
  const projectRoute = <B = undefined>(o: {
    method: 'post' | 'put';
    path: string;
    summary: string;
    action?: 'edit' | 'publish' | 'close';
    body?: ZodType<B>;
    created?: boolean;
    save: (actor: Actor, input: { body: B; project?: ProjectDoc }, requestId: string) => Promise<ProjectDoc>;
  }) =>
    defineRoute<B, undefined, TIdParams | undefined>({
      method: o.method,
      path: o.path,
      summary: o.summary,
      tags: ['donations', 'admin'],
      policy: o.action === 'close' ? charityAdmin : charityDesk,
      response: ZProjectDto,
      params: o.path.includes(':id') ? ZIdParams : undefined,
      body: o.body,
      handler: async (ctx, { body, params }) => {
        const project = params ? await loadProject(params.id) : undefined;
        if (project && o.action) await projectPolicy.authorize(ctx.state.actor, o.action, project);
        const saved = await o.save(ctx.state.actor!, { body, project }, ctx.state.requestId);
        ctx.status = o.created ? 201 : 200;
        ctx.body = await showProject(deps, ctx.state.actor, saved);
      },
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/charities',
      summary: '公益机构（商户）列表（区级管理员；机构工作人员只见本机构）',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZCharityList,
      handler: async (ctx) => {
        const mine = staffCharityIds(ctx.state.actor!);
        ctx.body = { items: (await listCharities(mine)).map((c) => presentCharity(c, true)) };
      },
    }),
    defineRoute<z.output<typeof ZCharityInput>>({
      method: 'post',
      path: '/api/admin/charities',
      summary: '登记公益机构：名称、统一社会信用代码、公开募捐备案编号、微信支付商户设置（密钥只存文件路径与引用）',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZCharityDto,
      body: ZCharityInput,
      handler: async (ctx, { body }) => {
        const r = await createCharity(deps, ctx.state.actor!, body, ctx.state.requestId);
        unlessRefused(r, {
          uscc_taken: { code: 'charity_uscc_taken', fields: [{ path: 'uscc', message: '该统一社会信用代码的机构已登记' }] },
          unreadable: (x) => ({ code: 'validation_failed', fields: x.fields }),
          key_mismatch: (x) => ({ code: 'merchant_key_mismatch', fields: x.fields }),
        });
        ctx.status = 201;
        ctx.body = presentCharity(r.charity, true);
      },
    }),
    upload('cover', '/api/admin/charity/covers', '上传项目封面（图片原始字节或 multipart，≤5MB，去除元数据）'),
    upload('proof', '/api/admin/charity/proofs', '上传拨付凭证图片（图片原始字节或 multipart，≤5MB，去除元数据）'),
    defineRoute<undefined, TProjectListQuery>({
      method: 'get',
      path: '/api/admin/charity/projects',
      summary: '全部公益项目（含草稿与审核中；机构工作人员只见本机构的）',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZProjectPage,
      query: ZProjectListQuery,
      handler: async (ctx, { query }) => {
        const mine = staffCharityIds(ctx.state.actor!);
        const { items, total } = await projectPage({ ...(query.status ? { status: query.status } : {}), ...charityFilter(mine) }, query);
        const charities = await charitiesById(items.map((p) => p.charity));
        const shown = await Promise.all(items.map((p) => showProject(deps, ctx.state.actor, p, charities.get(String(p.charity)))));
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    projectRoute({
      method: 'post',
      path: '/api/admin/charity/projects',
      summary: '新建公益项目草稿（区级管理员，或该机构的工作人员）',
      body: ZProjectInput,
      created: true,
      save: async (actor, { body }, requestId) => {
        await charityPolicy.authorize(actor, 'manage', { _id: body.charityId });
        const r = await saveProject(deps, actor, body, undefined, requestId);
        unlessRefused(r, saveRefusals);
        return r.project;
      },
    }),
    projectRoute({
      method: 'put',
      path: '/api/admin/charity/projects/:id',
      summary: '修改草稿（含被退回的项目）',
      action: 'edit',
      body: ZProjectInput,
      save: async (actor, { body, project }, requestId) => {
        await charityPolicy.authorize(actor, 'manage', { _id: body.charityId });
        const r = await saveProject(deps, actor, body, project, requestId);
        unlessRefused(r, saveRefusals);
        return r.project;
      },
    }),
    projectRoute({
      method: 'post',
      path: '/api/admin/charity/projects/:id/publish',
      summary: '提交发布：项目介绍与封面进入内容审核，通过后公开募捐',
      action: 'publish',
      save: async (actor, { project }, requestId) => {
        const r = await submitProject(deps, actor, project!, requestId);
        unlessRefused(r, { not_editable: 'charity_project_state_invalid' });
        return r.project;
      },
    }),
    projectRoute({
      method: 'post',
      path: '/api/admin/charity/projects/:id/close',
      summary: '结束项目（停止接受捐赠；区级管理员）',
      action: 'close',
      save: async (actor, { project }, requestId) => {
        const r = await closeProject(deps, actor, project!, requestId);
        unlessRefused(r, { not_open: 'charity_project_state_invalid' });
        return r.project;
      },
    }),
    defineRoute<z.output<typeof ZDisbursementInput>, undefined, TIdParams>({
      method: 'post',
      path: '/api/admin/charity/projects/:id/disbursements',
      summary: '登记拨付（金额、用途、凭证图片），计入公开账目',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZLedgerEntryDto.pick({ id: true, amountFen: true, purpose: true, proofImageUrls: true, at: true }),
      params: ZIdParams,
      body: ZDisbursementInput,
      handler: async (ctx, { params, body }) => {
        const project = await loadProject(params.id);
        await charityPolicy.authorize(ctx.state.actor, 'manage', { _id: project.charity });
        const r = await recordDisbursement(deps, ctx.state.actor!, project, body, ctx.state.requestId);
        unlessRefused(r, {
          exceeds_balance: 'disbursement_exceeds_balance',
          proof_not_found: { code: 'validation_failed', fields: [{ path: 'proofImageIds', message: '凭证图片不存在，请重新上传' }] },
          conflict: 'conflict',
        });
        ctx.status = 201;
        ctx.body = presentLedgerEntry({ _id: r.disbursement._id, key: '', kind: 'disbursement', project: r.disbursement.project, amountFen: r.disbursement.amountFen, purpose: r.disbursement.purpose, proofImages: r.disbursement.proofImages, at: r.disbursement.disbursedAt });
      },
    }),
    defineRoute<undefined, z.infer<typeof ZAdminDonationQuery>>({
      method: 'get',
      path: '/api/admin/donations',
      summary: '捐赠订单（可按项目、待核查筛选；机构工作人员只见本机构的）',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZAdminDonationPage,
      query: ZAdminDonationQuery,
      handler: async (ctx, { query }) => {
        const filter = {
          ...(query.projectId ? { project: new Types.ObjectId(query.projectId) } : {}),
          ...(query.needsReview ? { needsReview: query.needsReview === 'true' } : {}),
          ...charityFilter(staffCharityIds(ctx.state.actor!)),
        };
        const { items, total } = await orderPage(filter, query);
        const projects = await projectsById(items.map((o) => o.project));
        const charities = await charitiesById(items.map((o) => o.charity));
        ctx.body = {
          items: items.map((o) => presentAdminDonation(o, projects.get(String(o.project)) ?? null, charities.get(String(o.charity))?.name ?? '')),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute<z.output<typeof ZRefundInput>, undefined, TIdParams>({
      method: 'post',
      path: '/api/admin/donations/:id/refunds',
      summary: '退款（全部或部分，须填原因，记入审计）；并发退款合计不会超过已付金额',
      tags: ['donations', 'admin'],
      policy: charityAdmin,
      response: ZRefundCreated,
      params: ZIdParams,
      body: ZRefundInput,
      handler: async (ctx, { params, body }) => {
        const order = await loadOrder(params.id);
        await donationPolicy.authorize(ctx.state.actor, 'refund', order);
        const r = await requestRefund(deps, ctx.state.actor!, order, body, ctx.state.requestId);
        unlessRefused(r, {
          not_paid: 'donation_not_paid',
          exceeds_paid: { code: 'donation_refund_exceeds_paid', fields: [{ path: 'amountFen', message: `最多可退 ${((order.amountFen - order.refundReservedFen) / 100).toFixed(2)} 元` }] },
          wechat_rejected: 'donation_refund_rejected',
          wechat_unavailable: 'wechat_pay_unavailable',
        });
        const [project, charity] = await Promise.all([findProject(String(r.order.project)), findCharity(r.order.charity)]);
        ctx.status = 201;
        ctx.body = { refund: presentRefund(r.refund), donation: presentDonation(r.order, project, charity?.name ?? '') };
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/admin/donations/:id/refunds',
      summary: '一笔捐赠的退款记录',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZRefundList,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        const order = await loadOrder(params.id);
        await donationPolicy.authorize(ctx.state.actor, 'view', order);
        ctx.body = { items: (await refundsOf(order._id)).map(presentRefund) };
      },
    }),
    defineRoute<undefined, z.infer<typeof ZReconcileQuery>>({
      method: 'get',
      path: '/api/admin/charity/reconciliation',
      summary: '对账：下载某日微信支付交易账单并与本地记录比对（本地缺失、微信侧缺失、金额不一致）',
      tags: ['donations', 'admin'],
      policy: charityDesk,
      response: ZReconcileReport,
      query: ZReconcileQuery,
      handler: async (ctx, { query }) => {
        const charity = await findCharity(query.charityId);
        if (!charity) throw fail('not_found', '公益机构不存在');
        await charityPolicy.authorize(ctx.state.actor, 'manage', charity);
        try {
          ctx.body = await reconcile(deps, charity, query.date);
        } catch (err) {
          // WeChat unreachable, or a key that is not the certificate's (no client is built): a 502, not a 500.
          if (err instanceof WechatPayError) throw fail('wechat_pay_unavailable');
          throw err;
        }
      },
    }),
  ];
}
