import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { ZNoContent, type TPagination } from '@shared/schemas/common';
import {
  GALLERY_MAX_BYTES,
  GALLERY_MAX_PER_USER_PER_ACTIVITY,
  ZActivityShareDto,
  ZPhotoDto,
  ZPhotoPage,
  ZPhotoUploaded,
  ZGalleryParams,
  ZGalleryQuery,
  ZModeratePhotoBody,
  ZPhotoFileQuery,
  ZPhotoParams,
  type TActivityShareDto,
  type TGalleryParams,
  type TModeratePhotoBody,
  type TPhotoFileQuery,
  type TPhotoParams,
} from '@shared/schemas/volunteering/gallery';
import type { AppDeps } from '../../../deps';
import { fail } from '../../../http/errors';
import { unlessRefused } from '../../../http/refusals';
import { member, publicAccess, signedIn } from '../../../http/policy';
import { defineRoute, type RouteSpec } from '../../../http/route';
import { findActivity } from '../activities';
import { activityPolicy } from '../activities';
import { withAbilities } from '../../../platform/policy';
import { photoPolicy } from './policy';
import { deletePhoto, moderatePhoto } from './commands/moderate-photo';
import { galleryDir, uploadPhoto } from './commands/upload-photo';
import { coverRoutes } from './covers';
import { presentPhoto } from './presenter';
import { activityPhotos, findPhoto, firstVisiblePhoto } from './queries';
import { readUploadBody } from '../../../platform/uploads';

const sameKey = (a: string | undefined, b: string): boolean =>
  !!a && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function loadActivity(id: string) {
  const activity = await findActivity(id);
  if (!activity) throw fail('not_found', '活动不存在');
  return activity;
}

export function routes(deps: AppDeps): RouteSpec[] {
  return [
    ...coverRoutes(deps),
    defineRoute<undefined, undefined, TGalleryParams>({
      method: 'post',
      path: '/api/activities/:activityId/photos',
      summary: '上传活动现场照片（参与者）：请求体为图片原始字节（JPG/PNG/WebP，≤5MB），去除 EXIF 后送内容安全检测',
      tags: ['volunteering'],
      policy: member,
      response: ZPhotoUploaded,
      params: ZGalleryParams,
      produces: 'application/json',
      handler: async (ctx, { params }) => {
        const activity = await loadActivity(params.activityId);
        const body = await readUploadBody(ctx.req, GALLERY_MAX_BYTES);
        const r = await uploadPhoto(deps, { actor: ctx.state.actor!, activity, body });
        unlessRefused(r, {
          not_participant: 'not_participant',
          too_many: { code: 'rate_limited', message: `每人每个活动最多上传 ${GALLERY_MAX_PER_USER_PER_ACTIVITY} 张照片` },
        });
        ctx.status = r.outcome === 'visible' ? 201 : 202;
        ctx.body = { outcome: r.outcome, photo: presentPhoto(r.photo) };
      },
    }),
    defineRoute<undefined, TPagination, TGalleryParams>({
      method: 'get',
      path: '/api/activities/:activityId/photos',
      summary: '活动相册：公开显示已通过检测的照片；上传者另见自己待检测与未通过的照片，团队管理员可见全部',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZPhotoPage,
      params: ZGalleryParams,
      query: ZGalleryQuery,
      handler: async (ctx, { params, query }) => {
        const activity = await loadActivity(params.activityId);
        const actor = ctx.state.actor;
        const manager = await activityPolicy.can(actor, 'manageGallery', activity);
        const { items, total } = await activityPhotos(activity._id, { userId: actor?.userId ?? null, manager }, query);
        const shown = await withAbilities(photoPolicy, actor, items, presentPhoto);
        ctx.body = { items: shown, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute<undefined, TPhotoFileQuery, TPhotoParams>({
      method: 'get',
      path: '/api/gallery/photos/:photoId/file',
      summary: '照片文件：已通过检测的公开；待检测的仅上传者、团队管理员或携带检测密钥的微信检测服务',
      tags: ['volunteering'],
      policy: publicAccess,
      params: ZPhotoParams,
      query: ZPhotoFileQuery,
      produces: 'image/*',
      handler: async (ctx, { params, query }) => {
        const photo = await findPhoto(params.photoId);
        if (!photo) throw fail('not_found', '照片不存在');
        const actor = ctx.state.actor;
        const allowed = sameKey(query.k, photo.fetchKey) || (await photoPolicy.can(actor, 'view', photo));
        if (!allowed) throw fail('not_found', '照片不存在');
        const thumb = query.size === 'thumb' && photo.thumbFile;
        const file = path.join(galleryDir(deps), thumb ? photo.thumbFile! : photo.file);
        const info = await stat(file).catch(() => null);
        if (!info) throw fail('not_found', '照片不存在');
        ctx.set('Content-Type', thumb ? 'image/webp' : photo.mime);
        ctx.set('Content-Length', String(info.size));
        ctx.set('Cache-Control', photo.status === 'visible' ? 'public, max-age=86400' : 'private, no-store');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.body = createReadStream(file);
      },
    }),
    defineRoute<TModeratePhotoBody, undefined, TPhotoParams>({
      method: 'post',
      path: '/api/gallery/photos/:photoId/moderate',
      summary: '团队管理员显示或隐藏照片（需填写原因，记入审计）',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZPhotoDto,
      params: ZPhotoParams,
      body: ZModeratePhotoBody,
      handler: async (ctx, { params, body }) => {
        const photo = await findPhoto(params.photoId);
        if (!photo) throw fail('not_found', '照片不存在');
        await photoPolicy.authorize(ctx.state.actor, body.action, photo);
        const r = await moderatePhoto(deps, {
          actor: ctx.state.actor!,
          photo,
          action: body.action,
          reason: body.reason,
          requestId: ctx.state.requestId,
        });
        ctx.body = presentPhoto(r.photo);
      },
    }),
    defineRoute<undefined, undefined, TPhotoParams>({
      method: 'delete',
      path: '/api/gallery/photos/:photoId',
      summary: '删除照片：上传者本人或该团队管理员（记入审计），文件一并删除',
      tags: ['volunteering'],
      policy: signedIn,
      response: ZNoContent,
      params: ZPhotoParams,
      handler: async (ctx, { params }) => {
        const actor = ctx.state.actor!;
        const photo = await findPhoto(params.photoId);
        if (!photo) throw fail('not_found', '照片不存在');
        await photoPolicy.authorize(actor, 'delete', photo);
        await deletePhoto(deps, { actor, photo, requestId: ctx.state.requestId });
        ctx.status = 204;
      },
    }),
    defineRoute<undefined, undefined, TGalleryParams>({
      method: 'get',
      path: '/api/activities/:activityId/share',
      summary: '活动分享卡片：小程序分享路径、H5 链接、标题与配图',
      tags: ['volunteering'],
      policy: publicAccess,
      response: ZActivityShareDto,
      params: ZGalleryParams,
      handler: async (ctx, { params }) => {
        const activity = await loadActivity(params.activityId);
        // Not public yet (held for review) or refused: nothing to share.
        if (activity.status === 'under_review' || activity.status === 'rejected') throw fail('not_found', '活动不存在');
        const photo = activity.coverUrl
          ? null
          : await firstVisiblePhoto(activity._id);
        const pagePath = `packages/volunteer/activity/index?id=${String(activity._id)}`;
        const body: TActivityShareDto = {
          title: `${activity.title}｜${activity.teamName || '邻里志愿'}`.slice(0, 40),
          path: pagePath,
          h5Url: `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/#/${pagePath}`,
          imageUrl: activity.coverUrl ?? (photo ? `/api/gallery/photos/${String(photo._id)}/file` : null),
        };
        ctx.body = body;
      },
    }),
  ];
}
