import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { reportsApi } from '../../services/reports';
import { chooseImageFile } from '../../services/media';

/** One report: its case file (or public view), "me too", and the reporter's confirmation with a rating. */
export function useReportDetail(id: string) {
  const detail = useAsync(() => reportsApi.detail(id), [id], Boolean(id));
  const action = useAction();
  const [answer, setAnswer] = useState<'fixed' | 'partly' | 'not_fixed'>('fixed');
  const [rating, setRating] = useState(5);
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const { reload } = detail;
  const follow = useCallback(() => action.run('follow', async () => {
    await reportsApi.follow(id);
    await reload();
    return '已关注';
  }), [action, id, reload]);
  const addPhoto = useCallback(() => action.run('photo', async () => {
    const file = await chooseImageFile();
    if (!file) return null;
    const up = await reportsApi.uploadPhoto(file);
    setPhotoIds((p) => [...p, up.id]);
    return '照片已上传';
  }), [action]);
  const confirm = useCallback(() => action.run('confirm', async () => {
    const r = await reportsApi.confirm(id, { answer, note: note || undefined, photoIds, rating: answer === 'not_fixed' ? undefined : rating });
    setPhotoIds([]);
    await reload();
    return r.outcome === 'redispatched' ? '已反馈未解决，已重新派遣处理' : '感谢您的确认与评价';
  }), [action, answer, id, note, photoIds, rating, reload]);
  return { detail, action, answer, setAnswer, rating, setRating, note, setNote, photoIds, addPhoto, follow, confirm };
}
