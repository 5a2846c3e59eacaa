import { z } from 'zod';
import { ZObjectId, ZPagination } from '../common';

/** Accepted upload types (checked by magic bytes, not by the Content-Type header). */
export const GALLERY_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const GALLERY_MAX_BYTES = 5 * 1024 * 1024;
export const GALLERY_MAX_PER_USER_PER_ACTIVITY = 20;
/** Activity covers: same types and size limit as photos (POST /api/teams/:teamId/covers). */
export const COVER_MAX_BYTES = GALLERY_MAX_BYTES;

export interface TCoverUploadDto {
  id: string;
  /** Goes into the activity's coverUrl as is. */
  url: string;
  bytes: number;
}

export const PHOTO_STATUSES = ['checking', 'visible', 'hidden'] as const;
export type TPhotoStatus = (typeof PHOTO_STATUSES)[number];

export const ZGalleryParams = z.strictObject({ activityId: ZObjectId });
export type TGalleryParams = z.infer<typeof ZGalleryParams>;
export const ZPhotoParams = z.strictObject({ photoId: ZObjectId });
export type TPhotoParams = z.infer<typeof ZPhotoParams>;
export const ZPhotoFileQuery = z.strictObject({ k: z.string().max(64).optional() });
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

export interface TPhotoDto {
  id: string;
  activityId: string;
  uploaderId: string;
  url: string;
  mime: string;
  bytes: number;
  status: TPhotoStatus;
  /** Why the photo is hidden (a team admin's reason or the check's verdict); null unless hidden. */
  hiddenReason: string | null;
  createdAt: string;
}

/** What a share card / share path needs (wx.shareAppMessage and the H5 link). */
export interface TActivityShareDto {
  title: string;
  path: string;
  h5Url: string;
  imageUrl: string | null;
}
