/**
 * Activity photo gallery client. The upload endpoint takes the image's raw bytes
 * (not multipart): weapp reads the chosen file into an ArrayBuffer and sends it
 * with wx.request; H5 posts the File object itself (the CSP forbids fetching the
 * chooser's blob: URL). Photos still being checked are served only with the
 * bearer token, so their thumbnails are fetched with it and shown from a local URL.
 */
import Taro from '@tarojs/taro';
import type { TPhotoDto, TPhotoStatus } from '@shared/schemas/volunteering/gallery';
import { GALLERY_MAX_BYTES } from '@shared/schemas/volunteering/gallery';
import { API_BASE, http } from './api';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from './request';
import { authHeader, clearSession, getToken } from './session';
import { goLogin } from './nav';

const { request } = http;
const id = encodeURIComponent;

export interface TPhotoPage {
  items: TPhotoDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TUploadResult {
  outcome: 'checking' | 'visible';
  photo: TPhotoDto;
}

/** What Taro.chooseImage gives back (H5 adds the File as originalFileObj). */
export interface TChosenImage {
  path: string;
  size: number;
  type?: string;
  originalFileObj?: Blob;
}

export const PHOTO_STATUS_LABELS: Record<TPhotoStatus, string> = {
  checking: '审核中',
  visible: '已通过',
  hidden: '未通过',
};

export const photoFileUrl = (p: Pick<TPhotoDto, 'url'>): string => `${API_BASE}${p.url}`;
/** The 480 px WebP the grid shows (the full image opens in the preview). */
export const photoThumbUrl = (p: Pick<TPhotoDto, 'thumbUrl'>): string => `${API_BASE}${p.thumbUrl}`;


function readFileBytes(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: () => reject(new ApiError(0, 'file_unreadable', '无法读取所选图片，请重新选择')),
    });
  });
}

/** The type the request declares; the server decides by the file's own bytes either way. */
function declaredType(file: TChosenImage): string {
  const t = file.type ?? '';
  return /^image\//.test(t) ? t : 'image/jpeg';
}

async function postBytes(path: string, file: TChosenImage): Promise<{ status: number; data: unknown }> {
  const url = `${API_BASE}${path}`;
  const header = { ...authHeader(), 'Content-Type': declaredType(file), Accept: 'application/json' };
  if (process.env.TARO_ENV === 'h5') {
    if (!file.originalFileObj) throw new ApiError(0, 'file_unreadable', '无法读取所选图片，请重新选择');
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: header, body: file.originalFileObj });
    } catch {
      throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    return { status: res.status, data };
  }
  const bytes = await readFileBytes(file.path);
  try {
    const r = await Taro.request({ url, method: 'POST', header, data: bytes, dataType: 'json', timeout: 60000 });
    return { status: r.statusCode, data: r.data };
  } catch {
    throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  }
}

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
  remove: (photoId: string) => request<null>({ method: 'DELETE', path: `/api/gallery/photos/${id(photoId)}` }),
  /** Uploads one chosen image; refuses too-large files before sending them. */
  async upload(activityId: string, file: TChosenImage): Promise<TUploadResult> {
    if (file.size > GALLERY_MAX_BYTES) {
      throw new ApiError(413, 'image_too_large', `图片不能超过 ${Math.round(GALLERY_MAX_BYTES / 1024 / 1024)}MB`);
    }
    const res = await postBytes(`/api/activities/${id(activityId)}/photos`, file);
    if (res.status >= 200 && res.status < 300) return res.data as TUploadResult;
    const err = toApiError({ statusCode: res.status, data: res.data, header: {} });
    if (err.status === 401 && getToken()) {
      clearSession();
      goLogin();
    }
    throw err;
  },
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
