import {
  CERTIFICATE_SEAL_MAX_BYTES,
  ZCertificateDecisionBody,
  ZCertificateDto,
  ZCertificateListing,
  ZCertificateQueueQuery,
  ZCertificateSettingsDto,
  ZCertificateSettingsInput,
  ZSerialParams,
  type TCertificateDecisionBody,
  type TCertificateQueueQuery,
  type TCertificateSettingsInput,
  type TSerialParams,
} from '@shared/schemas/volunteering/certificates';
import type { AppDeps } from '../../../deps';
import { fail, fieldError } from '../../../http/errors';
import { anyRole, member } from '../../../http/policy';
import { unlessRefused } from '../../../http/refusals';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { decideCertificate } from './commands/decide-certificate';
import { canConfirmFor, canSeeListingOf } from './policy';
import { presentCertificate, presentListingItem } from './presenter';
import { listedCertificates, pendingCertificates } from './queries';
import { normaliseSerial } from './serial';
import { processImage } from '../../../platform/uploads';
import { readUploadBody } from '../gallery';
import { certificateSettings, presentSettings, saveCertificateSettings, saveSeal } from './settings';

const districtAdmin = anyRole('district_admin');

/**
 * The certificate workflow of 民发〔2015〕149号: the district's settings (issuing body, 负责人,
 * 经办人, 联系方式, confirmation and 公示), the issuer's confirmation queue and decision, and
 * the 7-day 公示 list shown to the issuer's members.
 */
export function workflowRoutes(deps: AppDeps): RouteSpec[] {
  const base = deps.config.PUBLIC_BASE_URL;
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/certificate-settings',
      summary: '志愿服务记录证明设置（区级管理员）：出具单位、负责人、经办人、联系方式、是否需确认、是否公示 7 天',
      tags: ['admin'],
      policy: districtAdmin,
      response: ZCertificateSettingsDto,
      handler: async (ctx) => {
        ctx.body = presentSettings(deps, await certificateSettings());
      },
    }),
    defineRoute<TCertificateSettingsInput>({
      method: 'put',
      path: '/api/admin/certificate-settings',
      summary: '保存志愿服务记录证明设置（记入审计日志）',
      tags: ['admin'],
      policy: districtAdmin,
      body: ZCertificateSettingsInput,
      response: ZCertificateSettingsDto,
      handler: async (ctx, { body }) => {
        const saved = await saveCertificateSettings(deps, ctx.state.actor!, body, ctx.state.requestId);
        ctx.body = presentSettings(deps, saved);
      },
    }),
    defineRoute({
      // POST: the mini-program's uploadFile can only POST (multipart); H5 sends the raw image.
      method: 'post',
      path: '/api/admin/certificate-settings/seal',
      summary: '上传出具单位印章图片（PNG 或 JPG，≤2MB；去除元数据；记入审计日志）',
      tags: ['admin'],
      policy: districtAdmin,
      response: ZCertificateSettingsDto,
      handler: async (ctx) => {
        const image = await processImage(await readUploadBody(ctx.req, CERTIFICATE_SEAL_MAX_BYTES));
        // PDF can embed PNG and JPEG only.
        if (image.ext !== 'png' && image.ext !== 'jpg')
          throw fail('image_type_unsupported', '印章请使用 PNG 或 JPG 图片');
        await saveSeal(deps, ctx.state.actor!, { data: image.data, mime: image.mime }, ctx.state.requestId);
        ctx.body = presentSettings(deps, await certificateSettings());
      },
    }),
    defineRoute<undefined, TCertificateQueueQuery>({
      method: 'get',
      path: '/api/certificates/pending',
      summary: '待确认的证明：teamId 为该团队出具的（团队管理员），省略为区级出具的（区级管理员）',
      tags: ['volunteering'],
      policy: member,
      query: ZCertificateQueueQuery,
      response: ZCertificateListing,
      handler: async (ctx, { query }) => {
        const issuer = query.teamId
          ? { type: 'team' as const, team: query.teamId }
          : { type: 'district' as const, team: null };
        if (!(await canConfirmFor(ctx.state.actor!, issuer))) throw fail('forbidden');
        const now = deps.now();
        ctx.body = { items: (await pendingCertificates(query.teamId)).map((c) => presentListingItem(c, now)) };
      },
    }),
    defineRoute<undefined, TCertificateQueueQuery>({
      method: 'get',
      path: '/api/certificates/listed',
      summary: '公示中的证明（7 天）：teamId 为该团队出具的（团队成员可见），省略为区级出具的；仅显示脱敏姓名',
      tags: ['volunteering'],
      policy: member,
      query: ZCertificateQueueQuery,
      response: ZCertificateListing,
      handler: async (ctx, { query }) => {
        if (!(await canSeeListingOf(ctx.state.actor!, query.teamId))) throw fail('forbidden');
        const now = deps.now();
        ctx.body = { items: (await listedCertificates(query.teamId, now)).map((c) => presentListingItem(c, now)) };
      },
    }),
    defineRoute<TCertificateDecisionBody, undefined, TSerialParams>({
      method: 'post',
      path: '/api/certificates/:serial/decision',
      summary: '出具单位确认或驳回证明（驳回须填理由）；确认后按设置公示 7 天或立即出具，并通知本人',
      tags: ['volunteering'],
      policy: member,
      params: ZSerialParams,
      body: ZCertificateDecisionBody,
      response: ZCertificateDto,
      handler: async (ctx, { params, body }) => {
        const serial = normaliseSerial(params.serial);
        if (!serial) throw fieldError('serial', '证明编号有误，请核对后重新输入');
        const r = await decideCertificate(deps, ctx.state.actor!, serial, body, ctx.state.requestId);
        unlessRefused(r, {
          not_found: 'certificate_not_found',
          forbidden: 'forbidden',
          not_pending: { code: 'conflict', message: '该证明已处理，请刷新后查看' },
        });
        ctx.body = presentCertificate(r.certificate, base, null, deps.now());
      },
    }),
  ];
}
