import { useCallback, useEffect, useState } from 'react';
import { REPORT_LIMITS, ZSubmitReport } from '@shared/schemas/reports/reports';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { reportsApi } from '../../services/reports';
import { chooseImageFile } from '../../services/media';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';

export interface TReportDraft {
  categoryCode: string;
  description: string;
  address: string;
  location?: { lng: number; lat: number };
  anonymous: boolean;
  attributes: Record<string, string>;
  /** Uploaded ids, shown from the local file: the server serves a photo to an <img> (no token) only once it is part of a report. */
  photos: { id: string; preview: string }[];
}
const EMPTY: TReportDraft = { categoryCode: '', description: '', address: '', anonymous: false, attributes: {}, photos: [] };

/** 随手拍: the form, its photos, the "same problem nearby" hint, and submission. */
export function useReportForm(enabled: boolean) {
  const [draft, setDraft] = useState<TReportDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submittedId, setSubmittedId] = useState<string | null>(null);
  const categories = useAsync(() => reportsApi.categories(), [], true);
  const action = useAction();
  const setField = useCallback(<K extends keyof TReportDraft>(k: K, v: TReportDraft[K]) => setDraft((d) => ({ ...d, [k]: v })), []);
  const { categoryCode, location } = draft;
  const [nearby, setNearby] = useState<{ id: string; description: string; address: string; distanceM: number; followers: number }[]>([]);
  useEffect(() => {
    if (!categoryCode || !location) return setNearby([]);
    let live = true;
    reportsApi
      .nearby(categoryCode, location)
      .then((r) => live && setNearby(r.items))
      .catch(() => live && setNearby([]));
    return () => {
      live = false;
    };
  }, [categoryCode, location]);

  const addPhoto = useCallback(
    () =>
      action.run('photo', async () => {
        if (draft.photos.length >= REPORT_LIMITS.photosMax) throw new Error(`最多 ${REPORT_LIMITS.photosMax} 张照片`);
        const file = await chooseImageFile();
        if (!file) return null;
        const up = await reportsApi.uploadPhoto(file);
        setDraft((d) => ({ ...d, photos: [...d.photos, { id: up.id, preview: file.path }] }));
        return '照片已上传（已去除位置等隐私信息）';
      }),
    [action, draft.photos.length],
  );

  const follow = useCallback(
    (reportId: string) =>
      action.run(`follow-${reportId}`, async () => {
        await reportsApi.follow(reportId);
        return '已关注该问题，处理进展会通知您';
      }),
    [action],
  );

  const submit = useCallback(
    () =>
      action.run('submit', async () => {
        const body = { ...draft, photoIds: draft.photos.map((p) => p.id) };
        const parsed = ZSubmitReport.safeParse({ categoryCode: body.categoryCode, description: body.description, address: body.address, location: body.location, anonymous: body.anonymous, attributes: body.attributes, photoIds: body.photoIds });
        if (!parsed.success) {
          setErrors(zodFieldErrors(parsed.error));
          throw new Error('请检查标红的项目后再提交');
        }
        setErrors({});
        try {
          const r = await reportsApi.submit(parsed.data);
          setSubmittedId(r.report.id);
          setDraft(EMPTY);
          return r.outcome === 'routed' ? `已提交，已派遣至${r.report.department?.name ?? '处置部门'}` : '已提交，等待调度员受理';
        } catch (e) {
          setErrors(formErrorsFrom(e).fields);
          throw e;
        }
      }),
    [action, draft],
  );
  return { draft, errors, setField, categories, nearby, addPhoto, follow, submit, action, submittedId, enabled };
}
