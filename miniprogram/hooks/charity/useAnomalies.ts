import { useEffect, useState } from 'react';
import { ZAnomalyHandleInput } from '@shared/schemas/donations';
import { donationsApi, type TAnomaly } from '../../services/donations';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';
import { usePagedList } from '../usePagedList';
import { useAction } from '../volunteering/useAction';

/**
 * The 支付异常 list and its 已处理 action: one anomaly at a time is being handled (a note, checked
 * with the shared schema at once, then a confirmation); the answer replaces that row.
 */
export function useAnomalies() {
  const list = usePagedList((page, pageSize) => donationsApi.anomalies({ page, pageSize }));
  const { reload } = list;
  useEffect(() => void reload(), [reload]);
  const action = useAction();
  const [handling, setHandling] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [handled, setHandled] = useState<Record<string, TAnomaly['handled']>>({});

  const start = (id: string | null) => {
    setHandling(id);
    setNote('');
    setNoteError(undefined);
    action.clear();
  };
  const confirm = async () => {
    if (!handling) return;
    const parsed = ZAnomalyHandleInput.safeParse({ note });
    if (!parsed.success) return setNoteError(zodFieldErrors(parsed.error).note);
    setNoteError(undefined);
    const id = handling;
    await action.run(
      'handle',
      async () => {
        try {
          const a = await donationsApi.handleAnomaly(id, parsed.data);
          setHandled((h) => ({ ...h, [id]: a.handled }));
          setHandling(null);
          return '已标记为已处理';
        } catch (e) {
          setNoteError(formErrorsFrom(e).fields.note);
          throw e;
        }
      },
      { title: '标记已处理', content: '标记后其他管理员将看到您的处理说明，且不能再次处理，确定吗？', confirmText: '确定' },
    );
  };
  const items = list.items.map((a) => (handled[a.id] ? { ...a, handled: handled[a.id] } : a));
  return { ...list, items, action, handling, note, setNote, noteError, start, confirm };
}
