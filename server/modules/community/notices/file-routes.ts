import {
  NOTICE_FILE_LIMITS,
  ZNoticeFileDto,
  ZNoticeFileParams,
  ZNoticeFileQuery,
  ZNoticeFileServeQuery,
  type TNoticeFileParams,
  type TNoticeFileQuery,
  type TNoticeFileServeQuery,
} from '@shared/schemas/community/notices';
import type { AppDeps } from '../../../deps';
import { AppError, fail } from '../../../http/errors';
import { anyRole, publicAccess } from '../../../http/policy';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { readUploadBody, sendPrivateFile } from '../../../platform/uploads';
import { NOTICE_FILE_AREA, storeNoticeFile } from './commands/store-file';
import { mayAddress } from './policy';
import { presentNoticeFile } from './presenter';
import { findNoticeFile, isVisible, noticesShowingFile } from './queries';

const MAX_UPLOAD = Math.max(NOTICE_FILE_LIMITS.imageBytes, NOTICE_FILE_LIMITS.documentBytes);
const NOT_FOUND = '文件不存在';

/** Uploading a notice's photos and documents, and serving them to the notice's readers. */
export function noticeFileRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, TNoticeFileQuery>({
      method: 'post',
      path: '/api/admin/notice-files',
      summary:
        '上传公告附件（区级、社区管理员）：图片 JPG/PNG/WebP ≤5MB（重新编码、去除元数据）或文档 PDF/Word/Excel/PowerPoint ≤10MB；请求体为文件原始字节或 multipart；返回可填入 attachments[].fileId 的编号',
      tags: ['community', 'admin'],
      policy: anyRole('district_admin', 'community_admin'),
      query: ZNoticeFileQuery,
      response: ZNoticeFileDto,
      produces: 'application/json',
      handler: async (ctx, { query }) => {
        // Read within the larger (document) limit; the image limit is checked once the bytes say "image".
        const body = await readUploadBody(ctx.req, MAX_UPLOAD).catch((e: unknown) => {
          throw e instanceof AppError && e.code === 'image_too_large'
            ? fail('attachment_too_large', `附件不能超过 ${NOTICE_FILE_LIMITS.documentBytes / 1024 / 1024}MB`)
            : e;
        });
        const f = await storeNoticeFile(deps, { uploaderId: ctx.state.actor!.userId, body, name: query.name });
        ctx.status = 201;
        ctx.body = presentNoticeFile(f);
      },
    }),
    defineRoute<undefined, TNoticeFileServeQuery, TNoticeFileParams>({
      method: 'get',
      path: '/api/notice-files/:fileId',
      summary: '公告附件文件：已发布公告的读者均可获取（图片直接显示，?size=thumb 为缩略图；文档下载）；未发布时仅上传者与发布范围内的管理员',
      tags: ['community'],
      policy: publicAccess,
      authenticateWhen: () => true,
      params: ZNoticeFileParams,
      query: ZNoticeFileServeQuery,
      produces: 'application/octet-stream',
      handler: async (ctx, { params, query }) => {
        const f = await findNoticeFile(params.fileId);
        if (!f) throw fail('not_found', NOT_FOUND);
        const actor = ctx.state.actor;
        const showing = await noticesShowingFile(f._id);
        const now = deps.now();
        const allowed =
          showing.some((n) => isVisible(n, now)) ||
          String(f.uploader) === actor?.userId ||
          showing.some((n) => mayAddress(actor, n.communities.map(String)));
        if (!allowed) throw fail('not_found', NOT_FOUND);
        const thumb = query.size === 'thumb' && f.thumbRel;
        await sendPrivateFile(ctx, deps, {
          area: NOTICE_FILE_AREA,
          rel: thumb ? f.thumbRel! : f.rel,
          mime: thumb ? 'image/webp' : f.mime,
          downloadName: f.name,
          inline: f.kind === 'image',
        });
      },
    }),
  ];
}
