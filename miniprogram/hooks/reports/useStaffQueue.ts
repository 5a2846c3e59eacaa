import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { currentPosition } from '../volunteering/location';
import { chooseImageFile } from '../../services/media';
import { reportsApi, type TStaffAction, type TStaffQueue } from '../../services/reports';

const DONE: Partial<Record<TStaffAction, string>> = {
  accept: '已受理',
  dispatch: '已派遣',
  reject: '已不予受理',
  take: '已签收',
  arrive: '已到场签到',
  update: '已记录进展',
  transfer: '已退回调度改派',
  resolve: '已提交处置结果，等待居民确认',
  close_not_fixed: '已办结（未解决）',
  reopen: '已重新打开',
};

/** A staff queue and the workflow steps taken from it (note, reason, photos, arrival position). */
export function useStaffQueue(initial: TStaffQueue) {
  const [queue, setQueue] = useState<TStaffQueue>(initial);
  const list = useAsync(() => reportsApi.queue(queue), [queue]);
  const action = useAction();
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const { reload } = list;
  const addPhoto = useCallback(() => action.run('photo', async () => {
    const file = await chooseImageFile();
    if (!file) return null;
    const up = await reportsApi.uploadPhoto(file);
    setPhotoIds((p) => [...p, up.id]);
    return '照片已上传';
  }), [action]);
  const act = useCallback(
    (id: string, step: TStaffAction, extra: { departmentId?: string } = {}) =>
      action.run(`${step}-${id}`, async () => {
        const location = step === 'arrive' ? await currentPosition() : undefined;
        const text = note.trim() || undefined;
        const needsReason = step === 'reject' || step === 'transfer' || step === 'close_not_fixed' || step === 'reopen';
        await reportsApi.act(id, step, { ...extra, location, photoIds, ...(needsReason ? { reason: text } : { note: text }) });
        setNote('');
        setPhotoIds([]);
        await reload();
        return DONE[step] ?? '已完成';
      }),
    [action, note, photoIds, reload],
  );
  return { queue, setQueue, list, action, note, setNote, photoIds, addPhoto, act };
}
