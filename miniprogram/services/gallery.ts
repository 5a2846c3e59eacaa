/**
 * Activity photo gallery client. Uploads go through services/media.ts (multipart with
 * progress on weapp, the File as the raw body on H5). Photos still being checked are served
 * only with the bearer token, so their thumbnails are fetched with it and shown from a local URL.
 */
import Taro from '@tarojs/taro';
import type { TOut, ZNoContent } from '@shared/schemas/common';
import type { TPhotoDto, TPhotoStatus, ZPhotoPage, ZPhotoUploaded } from '@shared/schemas/volunteering/gallery';
import { GALLERY_MAX_BYTES } from '@shared/schemas/volunteering/constants';
import { API_BASE, http } from './api';
import { uploadImage, type TChosenImage } from './media';
import { ApiError } from './request';
import { authHeader, getToken } from './session';

const { request } = http;
const id = encodeURIComponent;

/** Answers inferred from the routes' response schemas in shared/schemas/volunteering/gallery.ts. */
export type TPhotoPage = TOut<typeof ZPhotoPage>;
export type TUploadResult = TOut<typeof ZPhotoUploaded>;

export type { TChosenImage } from './media';

export const PHOTO_STATUS_LABELS: Record<TPhotoStatus, string> = {
  checking: '审核中',
  visible: '已通过',
  hidden: '未通过',
};

export const photoFileUrl = (p: Pick<TPhotoDto, 'url'>): string => `${API_BASE}${p.url}`;
/** The 480 px WebP the grid shows (the full image opens in the preview). */
export const photoThumbUrl = (p: Pick<TPhotoDto, 'thumbUrl'>): string => `${API_BASE}${p.thumbUrl}`;


export const galleryApi = {
  photos: (activityId: string, page = 1) =>
    request<TPhotoPage>({
      path: `/api/activities/${id(activityId)}/photos`,
      query: { page, pageSize: 50 },
      anonymous: !getToken(),
    }),
  moderate: (photoId: string, action: 'show' | 'hide', reason: string) =>
    request<TPhotoDto>({
      method: 'POST',
      path: `/api/gallery/photos/${id(photoId)}/moderate`,
      body: { action, reason },
    }),
  remove: (photoId: string) => request<TOut<typeof ZNoContent>>({ method: 'DELETE', path: `/api/gallery/photos/${id(photoId)}` }),
  /** Uploads one chosen image with progress; refuses too-large files before sending them. */
  upload: (activityId: string, file: TChosenImage, onProgress?: (percent: number) => void) =>
    uploadImage<TUploadResult>(`/api/activities/${id(activityId)}/photos`, file, GALLERY_MAX_BYTES, onProgress),
  /**
   * A local URL for a photo only its uploader and the team may see (not public yet):
   * H5 fetches it with the token into a blob: URL, weapp downloads it to a temp file.
   */
  async privateFileUrl(photo: Pick<TPhotoDto, 'url'>): Promise<string> {
    const url = photoFileUrl(photo);
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { headers: authHeader() });
      if (!res.ok) throw new ApiError(res.status, 'download_failed', '照片加载失败');
      return URL.createObjectURL(await res.blob());
    }
    const r = await Taro.downloadFile({ url, header: authHeader() });
    if (r.statusCode !== 200) throw new ApiError(r.statusCode, 'download_failed', '照片加载失败');
    return r.tempFilePath;
  },
};
