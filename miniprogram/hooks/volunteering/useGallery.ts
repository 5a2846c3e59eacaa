import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TPhotoDto } from '@shared/schemas/volunteering/gallery';
import { PHOTO_STATUS_LABELS, galleryApi, photoFileUrl, photoThumbUrl } from '../../services/gallery';
import { chooseImageFile, previewImages } from '../../services/media';
import { ApiError } from '../../services/request';
import { useAsync } from '../useAsync';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

/**
 * Activity gallery: approved photos for everyone; the uploader also sees their own
 * photos under check (审核中) or refused (未通过); team admins see all and show or hide
 * them with a reason. Photos not public yet are fetched with the token (local URLs).
 */
export function useGallery(activityId: string | undefined) {
  const list = useAsync(() => galleryApi.photos(activityId as string), [activityId], !!activityId);
  const action = useAction();
  const [localUrls, setLocalUrls] = useState<Record<string, string>>({});
  const fetched = useRef(new Set<string>());
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const { reload } = list;

  // Non-public photos need the token: fetch each once and keep its local URL.
  useEffect(() => {
    for (const p of items) {
      if (p.status === 'visible' || fetched.current.has(p.id)) continue;
      fetched.current.add(p.id);
      void galleryApi
        .privateFileUrl(p)
        .then((url) => setLocalUrls((m) => ({ ...m, [p.id]: url })))
        .catch(() => fetched.current.delete(p.id));
    }
  }, [items]);

  const srcOf = useCallback(
    (p: TPhotoDto): string | null => (p.status === 'visible' ? photoFileUrl(p) : (localUrls[p.id] ?? null)),
    [localUrls],
  );
  /** What the grid shows: the thumbnail once public, the local file while it is checked. */
  const thumbOf = useCallback(
    (p: TPhotoDto): string | null => (p.status === 'visible' ? photoThumbUrl(p) : (localUrls[p.id] ?? null)),
    [localUrls],
  );

  const upload = useCallback(
    () =>
      action.run('upload', async () => {
        const file = await chooseImageFile();
        if (!file) return null;
        const r = await galleryApi.upload(activityId as string, file);
        await reload();
        // The banner uses the badge's words (PHOTO_STATUS_LABELS), so the two never disagree.
        return r.outcome === 'visible'
          ? `照片已上传，${PHOTO_STATUS_LABELS.visible}`
          : `照片已上传，${PHOTO_STATUS_LABELS.checking}，通过后所有人可见`;
      }),
    [action, activityId, reload],
  );

  const moderate = useCallback(
    (photoId: string, act: 'show' | 'hide', reason: string) =>
      action.run(
        `${act}-${photoId}`,
        async () => {
          if (reason.trim().length < 2) throw new ApiError(400, 'validation_failed', '请填写原因（至少 2 个字）');
          await galleryApi.moderate(photoId, act, reason.trim());
          await reload();
          return act === 'show'
            ? `照片${PHOTO_STATUS_LABELS.visible}，所有人可见`
            : `照片${PHOTO_STATUS_LABELS.hidden}，已隐藏`;
        },
        reason.trim().length < 2
          ? undefined
          : act === 'show'
            ? CONFIRM.approve('照片', '照片将对所有人可见。')
            : CONFIRM.reject('照片（隐藏）', reason),
      ),
    [action, reload],
  );

  // Deleting asks twice: the first tap arms the photo's 确认删除, the second deletes it.
  const [armed, setArmed] = useState<string | null>(null);
  const remove = useCallback(
    (photoId: string) => {
      if (armed !== photoId) {
        setArmed(photoId);
        return Promise.resolve();
      }
      setArmed(null);
      return action.run(`delete-${photoId}`, async () => {
        await galleryApi.remove(photoId);
        await reload();
        return '照片已删除';
      });
    },
    [action, armed, reload],
  );

  const preview = useCallback(
    (p: TPhotoDto) => {
      const urls = items.map(srcOf).filter((u): u is string => !!u);
      const current = srcOf(p);
      if (current) void previewImages(urls, current).catch(() => undefined);
    },
    [items, srcOf],
  );

  return {
    list,
    items,
    action,
    upload,
    moderate,
    remove,
    armed,
    preview,
    srcOf,
    thumbOf,
  };
}
