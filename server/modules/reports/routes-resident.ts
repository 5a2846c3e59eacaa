import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { z } from 'zod';
import { ZObjectId } from '@shared/schemas/common';
import {
  REPORT_LIMITS,
  ZClusterQuery,
  ZClusterResult,
  ZConfirmReport,
  ZNearbyQuery,
  ZNearbyResult,
  ZPhotoUploadDto,
  ZPublicListQuery,
  ZPublicReportDto,
  ZPublicReportPage,
  ZReopenByReporter,
  ZReportChanged,
  ZReportDetailDto,
  ZReportDetailPage,
  ZSubmitReport,
  ZSubmitResult,
  type TConfirmReport,
  type TNearbyQuery,
  type TPublicListQuery,
  type TReopenByReporter,
  type TSubmitReport,
} from '@shared/schemas/reports/reports';
import { ZCategoryList, ZIdParams, type TIdParams } from '@shared/schemas/reports/taxonomy';
import type { AppDeps } from '../../deps';
import { fail } from '../../http/errors';
import { member, publicAccess } from '../../http/policy';
import { unlessRefused } from '../../http/refusals';
import { defineRoute, type RouteSpec } from '../../http/route';
import { readUploadBody } from '../../platform/uploads';
import { contentRiskyAnswer } from '../content';
import { confirmReport } from './commands/confirm';
import { submitReport } from './commands/submit-report';
import { isReportStaff, reportPolicy } from './policy';
import { reportPhotosDir, uploadReportPhoto } from './commands/photos';
import { presentCategory, presentPublicReport, photoUrl } from './presenter';
import { communityGridIds } from './areas';
import { boxPage, clusterReports, publicFilter } from './public-view';
import { findPhoto, findReport, listCategories, namesOf, openNearby, reportPage } from './queries';
import { followReport } from './commands/follow';
import { reopenByReporter } from './commands/reopen';
import { detailFor, loadResource, REPORT_NOT_FOUND } from './view';

export { reportPhotosDir };
const ZPhotoParams = z.strictObject({ id: ZObjectId });
const ZPhotoQuery = z.strictObject({
  size: z.enum(['full', 'thumb'], { error: '尺寸只能是 full 或 thumb' }).optional(),
  /** The fetch key in the URL given to WeChat's image check. */
  k: z.string().max(64).optional(),
});
const ZMineQuery = z.strictObject({
  which: z.enum(['mine', 'following'], { error: '范围无效' }).default('mine'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export function residentRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/report-photos',
      summary: '上传问题照片（拍照或相册）：原始字节或 multipart，JPG/PNG/WebP ≤5MB；重新编码并去除全部元数据（含 GPS），送微信图片内容安全检测，通过前不对公众显示',
      tags: ['reports'],
      policy: member,
      response: ZPhotoUploadDto,
      produces: 'application/json',
      handler: async (ctx) => {
        const p = await uploadReportPhoto(deps, { userId: ctx.state.actor!.userId, body: await readUploadBody(ctx.req, REPORT_LIMITS.photoBytes) });
        ctx.status = 201;
        ctx.body = { id: String(p._id), url: photoUrl(p._id), thumbUrl: photoUrl(p._id, true), bytes: p.bytes };
      },
    }),
    defineRoute<undefined, z.infer<typeof ZPhotoQuery>, z.infer<typeof ZPhotoParams>>({
      method: 'get',
      path: '/api/report-photos/:id/file',
      summary: '问题照片文件（?size=thumb 为缩略图）：已随工单提交且通过内容检测的照片公开；上传者与工作人员始终可见；k 为微信检测方取图的密钥',
      tags: ['reports'],
      policy: publicAccess,
      authenticateWhen: () => true,
      params: ZPhotoParams,
      query: ZPhotoQuery,
      produces: 'image/*',
      handler: async (ctx, { params, query }) => {
        const p = await findPhoto(params.id);
        const actor = ctx.state.actor ?? null;
        const visible =
          p &&
          ((p.report && p.check === 'pass') ||
            String(p.uploader) === actor?.userId ||
            isReportStaff(actor) ||
            (query.k !== undefined && p.fetchKey !== undefined && query.k === p.fetchKey));
        const thumb = query.size === 'thumb' && p?.thumbFile;
        const file = p && visible ? path.join(reportPhotosDir(deps), thumb ? p.thumbFile! : p.file) : null;
        const info = file ? await stat(file).catch(() => null) : null;
        if (!p || !file || !info) throw fail('not_found', '图片不存在');
        ctx.set('Content-Type', thumb ? 'image/webp' : p.mime);
        ctx.set('Content-Length', String(info.size));
        ctx.set('Cache-Control', 'private, max-age=86400');
        ctx.body = createReadStream(file);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/report-categories',
      summary: '可上报的问题类别（含需要填写的附加属性）',
      tags: ['reports'],
      policy: publicAccess,
      response: ZCategoryList,
      handler: async (ctx) => {
        ctx.body = { items: (await listCategories(true)).map(presentCategory) };
      },
    }),
    defineRoute<undefined, TNearbyQuery>({
      method: 'get',
      path: '/api/reports/nearby',
      summary: '上报前提示：同类别 50 米内未办结的问题（可“我也遇到”并关注）',
      tags: ['reports'],
      policy: publicAccess,
      response: ZNearbyResult,
      query: ZNearbyQuery,
      handler: async (ctx, { query }) => {
        const items = await openNearby(query.categoryCode, query, REPORT_LIMITS.duplicateRadiusM);
        const now = deps.now();
        ctx.body = { radiusM: REPORT_LIMITS.duplicateRadiusM, items: items.map((r) => ({ ...presentPublicReport(r, now), distanceM: Math.round(r.distanceM) })) };
      },
    }),
    defineRoute<undefined, TPublicListQuery>({
      method: 'get',
      path: '/api/reports',
      summary: '公开的问题列表/地图数据（不含个人信息），按类别、状态、网格（gridId）、社区（communityId：该社区所在的网格）、范围（bbox）筛选；带 bbox 时按距视野中心由近到远，总数最多计到 100（capped 表示更多，请用聚合点）',
      tags: ['reports'],
      policy: publicAccess,
      response: ZPublicReportPage,
      query: ZPublicListQuery,
      handler: async (ctx, { query }) => {
        const filter = publicFilter(query, query.communityId ? await communityGridIds(query.communityId) : undefined);
        const { items, total, capped } = query.bbox ? await boxPage(query.bbox, filter, query) : { ...(await reportPage(filter, query)), capped: undefined };
        const now = deps.now();
        ctx.body = { items: items.map((r) => presentPublicReport(r, now)), total, page: query.page, pageSize: query.pageSize, ...(capped === undefined ? {} : { capped }) };
      },
    }),
    defineRoute<undefined, z.infer<typeof ZClusterQuery>>({
      method: 'get',
      path: '/api/reports/clusters',
      summary: '地图缩小时的聚合点：范围内按网格单元计数（含超时数）',
      tags: ['reports'],
      policy: publicAccess,
      response: ZClusterResult,
      query: ZClusterQuery,
      handler: async (ctx, { query }) => {
        ctx.body = { clusters: await clusterReports(query, deps.now()) };
      },
    }),
    defineRoute<TSubmitReport>({
      method: 'post',
      path: '/api/reports',
      summary: '居民上报问题（类别、描述、最多 9 张照片、位置与地址，可匿名）：按网格与类别自动派遣，无法匹配时进入调度队列',
      tags: ['reports'],
      policy: member,
      response: ZSubmitResult,
      body: ZSubmitReport,
      handler: async (ctx, { body }) => {
        const r = await submitReport(deps, { ...body, reporterId: ctx.state.actor!.userId });
        unlessRefused(r, {
          unknown_category: { code: 'report_category_unknown', field: 'categoryCode' },
          outside_district: { code: 'report_outside_district', field: 'location' },
          photo_invalid: { code: 'report_photo_invalid', field: 'photoIds' },
          content_risky: contentRiskyAnswer,
          attribute_missing: (x) => ({ code: 'validation_failed', fields: [{ path: x.path, message: `请填写${x.label}` }] }),
          attribute_not_an_option: (x) => ({ code: 'validation_failed', fields: [{ path: x.path, message: `${x.label}须为以下之一：${x.options.join('、')}` }] }),
        });
        ctx.status = 201;
        ctx.body = { outcome: r.outcome, report: await detailFor(r.report, ctx.state.actor, deps.now()) };
      },
    }),
    defineRoute<undefined, z.infer<typeof ZMineQuery>>({
      method: 'get',
      path: '/api/me/reports',
      summary: '我上报的问题（which=mine）或我关注的问题（which=following）',
      tags: ['reports'],
      policy: member,
      response: ZReportDetailPage,
      query: ZMineQuery,
      handler: async (ctx, { query }) => {
        const me = new Types.ObjectId(ctx.state.actor!.userId);
        const { items, total } = await reportPage(query.which === 'mine' ? { reporter: me } : { followers: me }, query);
        const now = deps.now();
        const shown = await Promise.all(items.map((r) => detailFor(r, ctx.state.actor, now)));
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'get',
      path: '/api/reports/:id',
      summary: '问题详情：上报人、关注者与工作人员看到处置记录，其他人看到公开信息',
      tags: ['reports'],
      policy: publicAccess,
      authenticateWhen: () => true,
      response: z.union([ZReportDetailDto, ZPublicReportDto]),
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        const r = await loadResource(params.id);
        const now = deps.now();
        if (await reportPolicy.can(ctx.state.actor, 'viewCase', r)) ctx.body = await detailFor(r, ctx.state.actor, now);
        else if (r.status === 'rejected' || r.contentFlag === 'review') throw fail(REPORT_NOT_FOUND.code, REPORT_NOT_FOUND.message);
        else ctx.body = presentPublicReport(r, now);
      },
    }),
    defineRoute<undefined, undefined, TIdParams>({
      method: 'post',
      path: '/api/reports/:id/follow',
      summary: '“我也遇到”：关注一条未办结的问题，收到处置进展（代替重复上报）',
      tags: ['reports'],
      policy: member,
      response: ZReportChanged,
      params: ZIdParams,
      handler: async (ctx, { params }) => {
        const r = await loadResource(params.id);
        await reportPolicy.authorize(ctx.state.actor, 'follow', r, '不能关注自己上报的问题');
        const res = await followReport(deps, { id: params.id, userId: ctx.state.actor!.userId });
        unlessRefused(res, { not_open: { code: 'report_state_invalid', message: '该问题已办结，无需关注' } });
        ctx.body = { outcome: res.outcome, report: await detailFor(res.report, ctx.state.actor, deps.now()) };
      },
    }),
    defineRoute<TReopenByReporter, undefined, TIdParams>({
      method: 'post',
      path: '/api/reports/:id/reopen',
      summary: `上报人申请重新处理已办结的问题（须填写原因；办结后 ${REPORT_LIMITS.reopenDays} 天内，最多 ${REPORT_LIMITS.reporterReopensMax} 次）：原处置部门自动重新派遣`,
      tags: ['reports'],
      policy: member,
      response: ZReportChanged,
      params: ZIdParams,
      body: ZReopenByReporter,
      handler: async (ctx, { params, body }) => {
        const r = await loadResource(params.id);
        await reportPolicy.authorize(ctx.state.actor, 'reporter_reopen', r, '只有上报人可以申请重新处理');
        const userId = ctx.state.actor!.userId;
        const name = (await namesOf([userId])).get(userId) ?? '居民';
        const res = await reopenByReporter(deps, { report: r, userId, name, body, requestId: ctx.state.requestId });
        unlessRefused(res, {
          not_closed: { code: 'report_state_invalid', message: '只有已办结的问题可以申请重新处理' },
          too_late: { code: 'report_state_invalid', message: `办结超过 ${REPORT_LIMITS.reopenDays} 天，不能再申请重新处理，请重新上报` },
          too_many: { code: 'report_state_invalid', message: `同一问题最多申请重新处理 ${REPORT_LIMITS.reporterReopensMax} 次，请联系调度员` },
        });
        const fresh = (await findReport(params.id))!;
        ctx.body = { outcome: res.outcome, report: await detailFor(fresh, ctx.state.actor, deps.now()) };
      },
    }),
    defineRoute<TConfirmReport, undefined, TIdParams>({
      method: 'post',
      path: '/api/reports/:id/confirm',
      summary: '上报人确认处置结果（已解决/部分解决/未解决，可附照片）并评价；未解决自动重新派遣',
      tags: ['reports'],
      policy: member,
      response: ZReportChanged,
      params: ZIdParams,
      body: ZConfirmReport,
      handler: async (ctx, { params, body }) => {
        const r = await loadResource(params.id);
        await reportPolicy.authorize(ctx.state.actor, 'confirm', r, '只有上报人可以确认处置结果');
        const userId = ctx.state.actor!.userId;
        const name = (await namesOf([userId])).get(userId) ?? '居民';
        const res = await confirmReport(deps, { report: r, userId, name, body });
        unlessRefused(res, { wrong_state: 'report_state_invalid', photo_invalid: { code: 'report_photo_invalid', field: 'photoIds' } });
        const fresh = (await findReport(params.id))!;
        ctx.body = { outcome: res.outcome, report: await detailFor(fresh, ctx.state.actor, deps.now()) };
      },
    }),
  ];
}
