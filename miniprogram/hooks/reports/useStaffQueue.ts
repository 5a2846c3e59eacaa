import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { useAction } from '../volunteering/useAction';
import { currentPosition } from '../volunteering/location';
import { chooseImageFile } from '../../services/media';
import { reportsApi, type TStaffAction, type TStaffQueue } from '../../services/reports';

const DONE: Partial<Record<TStaffAction, string>> = {
  accept: '已受理',
  dispatch: '已派遣',
  mark_duplicate: '已标记为重复，上报人改为关注原工单',
  reject: '已不予受理',
  take: '已签收',
  arrive: '已到场签到',
  update: '已记录进展',
  transfer: '已退回调度改派',
  resolve: '已提交处置结果，等待居民确认',
  close_not_fixed: '已办结（未解决）',
  reopen: '已重新打开',
};

/** Steps that need a reason (the server refuses them without one) and ask before acting. */
const REASONED: Partial<Record<TStaffAction, { title: string; content: string; confirmText: string }>> = {
  reject: { title: '不予受理', content: '不予受理后工单即告结束，上报人会收到通知和您填写的原因。确定吗？', confirmText: '不予受理' },
  transfer: { title: '退回改派', content: '工单将退回调度员重新派遣，本部门不再处理。确定退回吗？', confirmText: '退回' },
  close_not_fixed: { title: '办结（未解决）', content: '工单将以“未解决”办结，计入未解决数，上报人会收到通知。确定吗？', confirmText: '办结' },
  reopen: { title: '重新打开', content: '工单将重新进入调度队列。确定吗？', confirmText: '重新打开' },
};

/** Steps without a reason that still end a report for its reporter: asked first. */
const CONFIRMED: Partial<Record<TStaffAction, { title: string; content: string; confirmText: string }>> = {
  mark_duplicate: { title: '标记重复', content: '此工单将以“重复”办结，上报人改为关注所选的原工单并收到通知。确定吗？', confirmText: '标记重复' },
};

/** A staff queue and the workflow steps taken from it (note, reason, photos, arrival position). */
export function useStaffQueue(initial: TStaffQueue) {
  const [queue, setQueue] = useState<TStaffQueue>(initial);
  const list = useAsync(() => reportsApi.queue(queue), [queue]);
  const action = useAction();
  const [note, setNoteText] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const setNote = useCallback((v: string) => {
    setNoteText(v);
    setNoteError(null);
  }, []);
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
    (id: string, step: TStaffAction, extra: { departmentId?: string; handlerId?: string; duplicateOfId?: string } = {}) => {
      const text = note.trim() || undefined;
      const reasoned = REASONED[step];
      if (reasoned && (!text || text.length < 2)) {
        setNoteError(`请先填写${reasoned.title}的原因（至少 2 个字）`);
        return Promise.resolve(false);
      }
      return action.run(`${step}-${id}`, async () => {
        const location = step === 'arrive' ? await currentPosition() : undefined;
        await reportsApi.act(id, step, { ...extra, location, photoIds, ...(reasoned ? { reason: text } : { note: text }) });
        setNote('');
        setPhotoIds([]);
        await reload();
        return DONE[step] ?? '已完成';
      }, reasoned ? { ...reasoned, danger: true } : CONFIRMED[step]);
    },
    [action, note, photoIds, reload, setNote],
  );
  return { queue, setQueue, list, action, note, setNote, noteError, photoIds, addPhoto, act };
}
