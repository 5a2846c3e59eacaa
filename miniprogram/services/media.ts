/**
 * Choosing an image (camera or album) and uploading it with progress.
 * weapp: chooseMedia, then uploadFile (multipart; its task reports progress).
 * H5: the browser's file input through chooseImage, then an XMLHttpRequest with the File as
 * the raw body (fetch reports no upload progress, and the CSP forbids reading the chooser's
 * blob: URL). The server takes either form (server/modules/volunteering/gallery/read-body.ts).
 */
import Taro from '@tarojs/taro';
import { API_BASE } from './api';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from './request';
import { authHeader, clearSession, getToken } from './session';
import { goLogin } from './nav';

/** One chosen image: a local path (weapp) and, on H5, the File itself. */
export interface TChosenImage {
  path: string;
  size: number;
  type?: string;
  originalFileObj?: Blob;
  /** Set for a chosen document (chooseDocumentFile). */
  document?: boolean;
}

/** An image address as stored ('/api/…' for uploads to this server, or https) → one the page can load. */
export const mediaUrl = (url: string): string => (url.startsWith('/') ? `${API_BASE}${url}` : url);

/*
 * The platform's image viewer and chooser are picked by plain functions with a ternary on
 * TARO_ENV, never inside an async function: the build drops the other platform's branch (and
 * the libraries it imports) only where it can see the constant test, and an async function
 * reaches it compiled into a state machine with both branches live.
 */

/** Full-screen image viewer (H5: Taro's viewer and its swiper are loaded on the first tap). */
export function previewImages(urls: string[], current: string): Promise<unknown> {
  return process.env.TARO_ENV === 'h5'
    ? import('./h5-image-picker').then((m) => m.previewImage({ urls, current }))
    : Taro.previewImage({ urls, current });
}

/** One image from the platform's chooser (H5: the file input's own sheet offers 拍摄 / 从相册选择). */
function pickOneImage(): Promise<TChosenImage | undefined> {
  return process.env.TARO_ENV === 'h5'
    ? import('./h5-image-picker')
        .then((m) => m.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] }))
        .then((r) => {
          const f = r.tempFiles[0] as (TChosenImage & { originalFileObj?: Blob }) | undefined;
          return f && { path: f.path, size: f.size, type: f.type, originalFileObj: f.originalFileObj };
        })
    : Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] }).then((r) => {
        const f = r.tempFiles[0];
        return f && { path: f.tempFilePath, size: f.size };
      });
}

const CANCELLED = /cancel|abort/i;
const UNREADABLE = '无法读取所选图片，请选择 JPG、PNG 或 WebP 格式的照片';

/** Lets the user pick one image from the camera or album; null when they back out. */
export async function chooseImageFile(): Promise<TChosenImage | null> {
  try {
    const f = await pickOneImage();
    if (!f) throw new ApiError(0, 'file_unreadable', UNREADABLE);
    return f;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (CANCELLED.test((e as { errMsg?: string }).errMsg ?? '')) return null;
    throw new ApiError(0, 'choose_failed', '未能选择图片，请重试');
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function h5Upload(url: string, file: TChosenImage, onProgress: (percent: number) => void) {
  return new Promise<{ status: number; data: unknown }>((resolve, reject) => {
    if (!file.originalFileObj) return reject(new ApiError(0, 'file_unreadable', UNREADABLE));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const headers: Record<string, string> = { ...authHeader(), Accept: 'application/json' };
    // The server sniffs the bytes; the type only keeps proxies honest (documents go as octet-stream).
    headers['Content-Type'] = /^image\//.test(file.type ?? '') ? (file.type as string) : file.document ? 'application/octet-stream' : 'image/jpeg';
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => resolve({ status: xhr.status, data: parseJson(xhr.responseText) });
    xhr.onerror = () => reject(new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE));
    xhr.send(file.originalFileObj);
  });
}

function weappUpload(url: string, file: TChosenImage, onProgress: (percent: number) => void) {
  return new Promise<{ status: number; data: unknown }>((resolve, reject) => {
    const task = Taro.uploadFile({
      url,
      filePath: file.path,
      name: 'file',
      header: { ...authHeader(), Accept: 'application/json' },
      success: (r) => resolve({ status: r.statusCode, data: parseJson(r.data) }),
      fail: () => reject(new ApiError(0, 'upload_failed', '上传失败，请检查网络后重试')),
    });
    task.onProgressUpdate((p) => onProgress(p.progress));
  });
}

/**
 * Uploads one chosen image to `path`, reporting 0–100. Files over `maxBytes` are refused
 * before sending; the server's own answer (type, size, rights) comes back as an ApiError.
 */
export async function uploadImage<T>(
  path: string,
  file: TChosenImage,
  maxBytes: number,
  onProgress: (percent: number) => void = () => undefined,
): Promise<T> {
  if (file.size > maxBytes) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    throw file.document
      ? new ApiError(413, 'attachment_too_large', `文件不能超过 ${mb}MB`)
      : new ApiError(413, 'image_too_large', `图片不能超过 ${mb}MB`);
  }
  const url = `${API_BASE}${path}`;
  onProgress(0);
  const res = process.env.TARO_ENV === 'h5' ? await h5Upload(url, file, onProgress) : await weappUpload(url, file, onProgress);
  if (res.status >= 200 && res.status < 300) {
    onProgress(100);
    return res.data as T;
  }
  const err = toApiError({ statusCode: res.status, data: res.data, header: {} });
  if (err.status === 401 && getToken()) {
    clearSession();
    goLogin();
  }
  throw err;
}

/** A chosen document: its name as the user knows it, and what uploadImage needs to send it. */
export type TChosenDocument = TChosenImage & { name: string; document: true };

/** H5: the browser's own file dialog, limited to these extensions (an input made on demand). */
function pickDocumentInBrowser(extensions: readonly string[]): Promise<TChosenDocument | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: file.name, size: file.size, type: file.type, originalFileObj: file, name: file.name, document: true } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Lets the user pick one document (PDF, Word, Excel…): the file dialog on H5; on weapp a file
 * from a chat (the only place WeChat can reach a phone's documents). Null when they back out.
 */
export async function chooseDocumentFile(extensions: readonly string[]): Promise<TChosenDocument | null> {
  if (process.env.TARO_ENV === 'h5') return pickDocumentInBrowser(extensions);
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] });
    const f = r.tempFiles[0];
    return f ? { path: f.path, size: f.size, name: f.name, document: true } : null;
  } catch (e) {
    if (CANCELLED.test((e as { errMsg?: string }).errMsg ?? '')) return null;
    throw new ApiError(0, 'choose_failed', '未能选择文件，请重试');
  }
}

/**
 * Lets the user pick one text file (CSV, GeoJSON) and returns its text, a leading BOM (Excel
 * adds one) dropped; null when they back out. A file over `maxBytes` is refused with `tooBig`.
 */
export async function chooseTextFile(
  extensions: readonly string[],
  maxBytes: number,
  tooBig: string,
): Promise<string | null> {
  const f = await chooseDocumentFile(extensions);
  if (!f) return null;
  if (f.size > maxBytes) throw new Error(tooBig);
  const text = f.originalFileObj
    ? await f.originalFileObj.text().catch(() => {
        throw new Error('无法读取该文件');
      })
    : (Taro.getFileSystemManager().readFileSync(f.path, 'utf8') as string);
  return text.replace(/^\uFEFF/, '');
}
