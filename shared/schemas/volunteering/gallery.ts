import { z } from 'zod';
import { ZPhotoAbilities } from '../abilities';
import { ZDateOut, ZObjectId, ZPagination, zPage } from '../common';
import { GALLERY_MAX_BYTES } from './constants';

/** Accepted upload types (checked by magic bytes, not by the Content-Type header). */
export const GALLERY_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export { GALLERY_MAX_BYTES };
export const GALLERY_MAX_PER_USER_PER_ACTIVITY = 20;
/** Activity covers: same types and size limit as photos (POST /api/teams/:teamId/covers). */
export const COVER_MAX_BYTES = GALLERY_MAX_BYTES;

export const ZCoverUploadDto = z.object({
  id: z.string(),
  /** Goes into the activity's coverUrl as is. */
  url: z.string(),
  bytes: z.number().int(),
});
export type TCoverUploadDto = z.infer<typeof ZCoverUploadDto>;

export const PHOTO_STATUSES = ['checking', 'visible', 'hidden'] as const;
export type TPhotoStatus = (typeof PHOTO_STATUSES)[number];

export const ZGalleryParams = z.strictObject({ activityId: ZObjectId });
export type TGalleryParams = z.infer<typeof ZGalleryParams>;
export const ZPhotoParams = z.strictObject({ photoId: ZObjectId });
export type TPhotoParams = z.infer<typeof ZPhotoParams>;
export const ZPhotoFileQuery = z.strictObject({
  k: z.string().max(64).optional(),
  /** `thumb`: the 480 px WebP that lists show. */
  size: z.enum(['full', 'thumb'], { error: '尺寸只能是 full 或 thumb' }).optional(),
});
export type TPhotoFileQuery = z.infer<typeof ZPhotoFileQuery>;
export const ZGalleryQuery = ZPagination;
/** Team admins decide on photos the automatic check could not (WeChat down) or got wrong. */
export const ZModeratePhotoBody = z.strictObject({
  action: z.enum(['show', 'hide'], { error: '请选择显示或隐藏' }),
  reason: z
    .string({ error: '请填写原因（至少 2 个字）' })
    .trim()
    .min(2, '请填写原因（至少 2 个字）')
    .max(200, '原因不能超过 200 个字'),
});
export type TModeratePhotoBody = z.infer<typeof ZModeratePhotoBody>;

export const ZPhotoDto = z.object({
  /** What the asker may do with the photo now (the activity's gallery). */
  abilities: ZPhotoAbilities.optional(),
  id: z.string(),
  activityId: z.string(),
  uploaderId: z.string(),
  url: z.string(),
  /** 480 px WebP for lists and grids; `url` is the full image (≤ 2,048 px). */
  thumbUrl: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  status: z.enum(PHOTO_STATUSES),
  /** Why the photo is hidden (a team admin's reason or the check's verdict); null unless hidden. */
  hiddenReason: z.string().nullable(),
  createdAt: ZDateOut,
});
export type TPhotoDto = z.infer<typeof ZPhotoDto>;
export const ZPhotoPage = zPage(ZPhotoDto);
export const ZPhotoUploaded = z.object({ outcome: z.enum(['checking', 'visible']), photo: ZPhotoDto });

/** What a share card / share path needs (wx.shareAppMessage and the H5 link). */
export const ZActivityShareDto = z.object({
  title: z.string(),
  path: z.string(),
  h5Url: z.string(),
  imageUrl: z.string().nullable(),
});
export type TActivityShareDto = z.infer<typeof ZActivityShareDto>;
