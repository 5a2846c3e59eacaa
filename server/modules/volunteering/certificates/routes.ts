import {
  ZCertificateDto,
  ZCertificateList,
  ZCertificateVerificationDto,
  ZIssueCertificateBody,
  ZSerialParams,
  type TIssueCertificateBody,
  type TSerialParams,
} from '@shared/schemas/volunteering/certificates';
import { effectiveStatus } from './model';
import { workflowRoutes } from './workflow-routes';
import type { AppDeps } from '../../../deps';
import { fail, fieldError } from '../../../http/errors';
import { member, publicAccess } from '../../../http/policy';
import { unlessRefused } from '../../../http/refusals';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { ownRealName } from '../../realname';
import { issueCertificate } from './commands/issue-certificate';
import { certificateBySerial, certificatesOf } from './queries';
import { CjkFontMissingError, renderCertificatePdf } from './pdf';
import { certificateVerifyUrl, presentCertificate, presentVerification } from './presenter';
import { normaliseSerial } from './serial';
import { sealArt } from './settings';

function serialOrFail(raw: string): string {
  const serial = normaliseSerial(raw);
  if (!serial) throw fieldError('serial', '证明编号有误，请核对后重新输入');
  return serial;
}

export function routes(deps: AppDeps): RouteSpec[] {
  const base = deps.config.PUBLIC_BASE_URL;
  return [
    defineRoute<TIssueCertificateBody>({
      method: 'post',
      path: '/api/me/certificates',
      summary: '自助开具志愿服务记录证明（需实名）：按团队或全区，含脱敏身份、时长、服务记录、编号',
      tags: ['volunteering'],
      policy: member,
      response: ZCertificateDto,
      body: ZIssueCertificateBody,
      handler: async (ctx, { body }) => {
        const r = await issueCertificate({ userId: ctx.state.actor!.userId, teamId: body.teamId, now: deps.now() });
        unlessRefused(r, {
          not_verified: 'real_name_required',
          team_not_found: { code: 'not_found', message: '团队不存在' },
          no_hours: 'certificate_no_hours',
        });
        ctx.status = 201;
        const name = await ownRealName(deps, ctx.state.actor!.userId);
        ctx.body = presentCertificate(r.certificate, base, name, deps.now());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/certificates',
      summary: '我开具过的证明（最新在前）',
      tags: ['volunteering'],
      policy: member,
      response: ZCertificateList,
      handler: async (ctx) => {
        const items = await certificatesOf(ctx.state.actor!.userId);
        const name = await ownRealName(deps, ctx.state.actor!.userId);
        const now = deps.now();
        ctx.body = { items: items.map((c) => presentCertificate(c, base, name, now)) };
      },
    }),
    defineRoute<undefined, undefined, TSerialParams>({
      method: 'get',
      path: '/api/me/certificates/:serial/pdf',
      summary: '下载证明 PDF（本人）',
      tags: ['volunteering'],
      policy: member,
      params: ZSerialParams,
      produces: 'application/pdf',
      handler: async (ctx, { params }) => {
        const serial = serialOrFail(params.serial);
        const cert = await certificateBySerial(serial);
        if (!cert || String(cert.user) !== ctx.state.actor!.userId) throw fail('certificate_not_found');
        if (effectiveStatus(cert, deps.now()) !== 'issued')
          throw fail('conflict', '该证明尚未出具（待确认或公示中），出具后可下载');
        let pdf: Buffer;
        try {
          const name = await ownRealName(deps, ctx.state.actor!.userId);
          pdf = await renderCertificatePdf(cert, certificateVerifyUrl(base, serial), name, await sealArt(deps));
        } catch (err) {
          if (err instanceof CjkFontMissingError) {
            deps.logger.error({ err }, 'certificate PDF: no CJK font installed');
            throw fail('internal', '证明文件暂时无法生成，请联系管理员');
          }
          throw err;
        }
        ctx.set('Content-Type', 'application/pdf');
        ctx.set('Content-Disposition', `attachment; filename="certificate-${serial}.pdf"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = pdf;
      },
    }),
    defineRoute<undefined, undefined, TSerialParams>({
      method: 'get',
      path: '/api/certificates/:serial/verify',
      summary: '公开核验证明真伪：仅返回脱敏姓名、时长、出具单位与日期',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZCertificateVerificationDto,
      params: ZSerialParams,
      handler: async (ctx, { params }) => {
        const cert = await certificateBySerial(serialOrFail(params.serial));
        if (!cert) throw fail('certificate_not_found');
        if (cert.revokedAt) throw fail('certificate_revoked');
        if (effectiveStatus(cert, deps.now()) !== 'issued') {
          throw fail('certificate_not_found', '该编号的证明尚未生效（待确认或公示中）');
        }
        ctx.body = presentVerification(cert);
      },
    }),
    ...workflowRoutes(deps),
  ];
}
