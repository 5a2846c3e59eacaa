/**
 * Typed client for community information (issue 14): notices, the resident's community, nearby
 * services, the law library and the home screen. Response types come from the routes' schemas.
 */
import type { TOut } from '@shared/schemas/common';
import type { ZLawArticle, ZLawPage, ZLawTopics } from '@shared/schemas/community/laws';
import Taro from '@tarojs/taro';
import { NOTICE_FILE_LIMITS, type TNoticeDetail, type TNoticeFileDto, type TNoticeInput, type ZNoticeChanged, type ZNoticeDetail, type ZNoticeDetailPage, type ZNoticePage } from '@shared/schemas/community/notices';
import type { ZNearbyPlaces, ZPlaceChanged, ZPlaceImportResult, ZPlacePage, TPlaceInput } from '@shared/schemas/community/places';
import type { TChooseCommunity, ZMyCommunity } from '@shared/schemas/community/residents';
import type { ZCommunityList } from '@shared/schemas/org';
import { http } from './api';
import { mediaUrl, previewImages, uploadImage, type TChosenImage } from './media';
import { isH5 } from './nav';
import { getToken } from './session';
import { homeScreen } from './home';

const { request } = http;
const id = encodeURIComponent;

export { formatMetres, rememberCommunity, rememberedCommunity, type THomeScreen } from './home';
export type TNearbyPlaceItem = TOut<typeof ZNearbyPlaces>['items'][number];

export const communityApi = {
  home: homeScreen,
  notices: (q: { communityId?: string; page?: number }) =>
    request<TOut<typeof ZNoticePage>>({ path: '/api/notices', query: q, anonymous: !getToken() }),
  notice: (noticeId: string) => request<TOut<typeof ZNoticeDetail>>({ path: `/api/notices/${id(noticeId)}`, anonymous: !getToken() }),
  communities: () => request<TOut<typeof ZCommunityList>>({ path: '/api/org/communities', anonymous: true }),
  myCommunity: () => request<TOut<typeof ZMyCommunity>>({ path: '/api/me/community' }),
  chooseCommunity: (input: TChooseCommunity) =>
    request<TOut<typeof ZMyCommunity>>({ method: 'PUT', path: '/api/me/community', body: input }),
  setAlerts: (alerts: boolean) =>
    request<TOut<typeof ZMyCommunity>>({ method: 'PUT', path: '/api/me/community/alerts', body: { alerts } }),
  nearby: (q: { lng: number; lat: number; radius: number; type?: string }) =>
    request<TOut<typeof ZNearbyPlaces>>({ path: '/api/places/nearby', query: q, anonymous: true }),
  laws: (q: { q?: string; topic?: string; page?: number }) =>
    request<TOut<typeof ZLawPage>>({ path: '/api/laws', query: q, anonymous: true }),
  lawTopics: () => request<TOut<typeof ZLawTopics>>({ path: '/api/laws/topics', anonymous: true }),
  law: (lawId: string) => request<TOut<typeof ZLawArticle>>({ path: `/api/laws/${id(lawId)}`, anonymous: true }),
  // Admins
  adminNotices: (q: { page?: number; status?: string }) => request<TOut<typeof ZNoticeDetailPage>>({ path: '/api/admin/notices', query: q }),
  publishNotice: (input: TNoticeInput) =>
    request<TOut<typeof ZNoticeChanged>>({ method: 'POST', path: '/api/admin/notices', body: input }),
  updateNotice: (noticeId: string, input: TNoticeInput) =>
    request<TOut<typeof ZNoticeChanged>>({ method: 'PUT', path: `/api/admin/notices/${id(noticeId)}`, body: input }),
  withdrawNotice: (noticeId: string) =>
    request<TOut<typeof ZNoticeChanged>>({ method: 'POST', path: `/api/admin/notices/${id(noticeId)}/withdraw` }),
  adminPlaces: (q: { page?: number; q?: string }) => request<TOut<typeof ZPlacePage>>({ path: '/api/admin/places', query: q }),
  createPlace: (input: TPlaceInput) => request<TOut<typeof ZPlaceChanged>>({ method: 'POST', path: '/api/admin/places', body: input }),
  updatePlace: (placeId: string, input: TPlaceInput) =>
    request<TOut<typeof ZPlaceChanged>>({ method: 'PUT', path: `/api/admin/places/${id(placeId)}`, body: input }),
  deletePlace: (placeId: string) => request<void>({ method: 'DELETE', path: `/api/admin/places/${id(placeId)}` }),
  importPlaces: (csv: string, partial: boolean) =>
    request<TOut<typeof ZPlaceImportResult>>({
      method: 'POST',
      path: '/api/admin/places/import',
      query: { partial: partial ? 'true' : 'false' },
      body: { csv },
    }),
};

/** Uploads a chosen photo or document for a notice (progress 0–100); the answer goes into the form's attachments. */
export function uploadNoticeFile(file: TChosenImage & { name?: string }, onProgress: (p: number) => void): Promise<TNoticeFileDto> {
  // H5 knows the chosen file's own name; weapp's temp paths are random, so a photo is just 图片.
  const own = file.name ?? (file.originalFileObj as { name?: string } | undefined)?.name ?? '';
  return uploadImage<TNoticeFileDto>(
    `/api/admin/notice-files?name=${encodeURIComponent(own.slice(0, NOTICE_FILE_LIMITS.name) || (file.document ? '附件' : '图片'))}`,
    file,
    file.document ? NOTICE_FILE_LIMITS.documentBytes : NOTICE_FILE_LIMITS.imageBytes,
    onProgress,
  );
}

type TAttachment = TNoticeDetail['attachments'][number];

/**
 * Opens a notice's attachment: a photo in the image viewer; a document downloaded and opened
 * (H5: the browser downloads it); a link opened on H5, copied on weapp (a mini-program cannot
 * open outside pages).
 */
export async function openNoticeAttachment(a: TAttachment, all: readonly TAttachment[]): Promise<void> {
  if (a.kind === 'image') {
    const urls = all.filter((x) => x.kind === 'image').map((x) => mediaUrl(x.url));
    await previewImages(urls, mediaUrl(a.url));
  } else if (isH5) {
    window.open(a.kind === 'link' ? a.url : mediaUrl(a.url), '_blank', 'noopener');
  } else if (a.kind === 'link') {
    await Taro.setClipboardData({ data: a.url });
  } else {
    const r = await Taro.downloadFile({ url: mediaUrl(a.url) });
    await Taro.openDocument({ filePath: r.tempFilePath, showMenu: true });
  }
}

/** 350 KB / 1.2 MB. */
export const formatBytes = (n: number): string => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
