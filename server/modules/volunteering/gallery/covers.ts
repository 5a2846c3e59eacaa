/**
 * Activity cover images uploaded by a team's admins (the publish form's 封面 control).
 * Same image pipeline as on-site photos (platform/uploads: re-encoded without metadata, ≤ 5 MB,
 * 2,048 px, with a 480 px WebP thumbnail); the activity that uses one sends it to WeChat's
 * image check when published (activities/content.ts).
 * Files live under LINLI_DATA_DIR/uploads/covers and are served publicly by an unguessable id.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { COVER_MAX_BYTES, ZCoverUploadDto, type TCoverUploadDto } from '@shared/schemas/volunteering/gallery';
import { ZObjectId } from '@shared/schemas/common';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { publicAccess, signedIn } from '../../../http/policy';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { processImage } from '../../../platform/uploads';
import { storeCover } from './commands/store-cover';
import { findCover } from './queries';
import { teamPolicy } from '../teams';
import { readUploadBody } from './read-body';

export const coversDir = (deps: AppDeps): string => path.resolve(deps.config.LINLI_DATA_DIR, 'uploads', 'covers');
export const coverFileUrl = (id: Types.ObjectId | string): string => `/api/covers/${String(id)}/file`;

const ZTeamParams = z.strictObject({ teamId: ZObjectId });
const ZCoverParams = z.strictObject({ coverId: ZObjectId });
const ZCoverFileQuery = z.strictObject({ size: z.enum(['full', 'thumb'], { error: '尺寸只能是 full 或 thumb' }).optional() });

export function coverRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute<undefined, undefined, z.infer<typeof ZTeamParams>>({
      method: 'post',
      path: '/api/teams/:teamId/covers',
      summary: '上传活动封面（团队管理员）：图片原始字节或 multipart 文件（JPG/PNG/WebP，≤5MB），去除 EXIF；返回可填入 coverUrl 的地址',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZCoverUploadDto,
      params: ZTeamParams,
      produces: 'application/json',
      handler: async (ctx, { params }) => {
        const actor = ctx.state.actor!;
        await teamPolicy.authorize(actor, 'publishActivity', { id: params.teamId });
        const image = await processImage(await readUploadBody(ctx.req, COVER_MAX_BYTES));
        const { id } = await storeCover(deps, { teamId: params.teamId, uploaderId: actor.userId, image });
        ctx.status = 201;
        const dto: TCoverUploadDto = { id: String(id), url: coverFileUrl(id), bytes: image.data.length };
        ctx.body = dto;
      },
    }),
    defineRoute<undefined, z.infer<typeof ZCoverFileQuery>, z.infer<typeof ZCoverParams>>({
      method: 'get',
      path: '/api/covers/:coverId/file',
      summary: '活动封面图片文件（?size=thumb：480px WebP 缩略图，供列表使用）',
      tags: ['volunteering'],
      policy: publicAccess,
      params: ZCoverParams,
      query: ZCoverFileQuery,
      produces: 'image/*',
      handler: async (ctx, { params, query }) => {
        const cover = await findCover(params.coverId);
        const thumb = query.size === 'thumb' && cover?.thumbFile;
        const file = cover ? path.join(coversDir(deps), thumb ? cover.thumbFile! : cover.file) : null;
        const info = file ? await stat(file).catch(() => null) : null;
        if (!cover || !file || !info) throw fail('not_found', '图片不存在');
        ctx.set('Content-Type', thumb ? 'image/webp' : cover.mime);
        ctx.set('Content-Length', String(info.size));
        ctx.set('Cache-Control', 'public, max-age=86400');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.body = createReadStream(file);
      },
    }),
  ];
}
