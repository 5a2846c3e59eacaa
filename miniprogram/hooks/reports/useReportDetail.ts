import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { ZReopenByReporter } from '@shared/schemas/reports/reports';
import { zodFieldErrors } from '../../services/form-errors';
import { reportsApi } from '../../services/reports';
import { chooseImageFile } from '../../services/media';

/** The platform's modal refuses to open with a button label over 4 characters: keep confirmText short. */
const NOT_FIXED_CONFIRM = {
  title: '确认未解决',
  content: '提交“未解决”后，问题将重新派遣给处置部门处理，本次不作评价。确定吗？',
  confirmText: '提交',
};

/** One report: its case file (or public view), "me too", and the reporter's confirmation with a rating. */
export function useReportDetail(id: string) {
  const detail = useAsync(() => reportsApi.detail(id), [id], Boolean(id));
  const action = useAction();
  const [answer, setAnswer] = useState<'fixed' | 'partly' | 'not_fixed'>('fixed');
  const [rating, setRating] = useState(5);
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [reopenReason, setReopenReasonText] = useState('');
  const [reopenError, setReopenError] = useState<string | null>(null);
  const setReopenReason = useCallback((v: string) => {
    setReopenReasonText(v);
    setReopenError(null);
  }, []);
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
  }, answer === 'not_fixed' ? NOT_FIXED_CONFIRM : undefined), [action, answer, id, note, photoIds, rating, reload]);
  /** The reporter reopens a closed report (within the server's window), with a reason. */
  const reopen = useCallback(() => {
    const parsed = ZReopenByReporter.safeParse({ reason: reopenReason });
    if (!parsed.success) {
      setReopenError(zodFieldErrors(parsed.error).reason ?? '请填写原因');
      return Promise.resolve(false);
    }
    return action.run('reopen', async () => {
      const r = await reportsApi.reopen(id, parsed.data);
      setReopenReasonText('');
      await reload();
      return r.outcome === 'redispatched' ? '已重新打开，已派回原处置部门处理' : '已重新打开，等待调度员派遣';
    }, { title: '重新打开', content: '问题将重新交给处置部门处理，您的原因会记入处理记录。确定重新打开吗？', confirmText: '重新打开' });
  }, [action, id, reload, reopenReason]);
  return { detail, action, answer, setAnswer, rating, setRating, note, setNote, photoIds, addPhoto, follow, confirm, reopenReason, setReopenReason, reopenError, reopen };
}
