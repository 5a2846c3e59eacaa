import { useCallback, useState } from 'react';
import type { THoursStatus } from '@shared/schemas/volunteering/hours';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

/** Team hours: pending entries confirmed or rejected in bulk; confirmed ones adjusted with a reason (audited). */
export function useTeamHours(teamId: string, activityId: string | undefined, enabled: boolean) {
  const [status, setStatus] = useState<THoursStatus>('pending');
  const list = useAsync(
    () => volunteeringApi.teamHours(teamId, { status, activityId }),
    [teamId, status, activityId],
    enabled,
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [adjusting, setAdjusting] = useState<string | null>(null);
  const action = useAction();
  const { reload } = list;

  const toggle = useCallback(
    (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])),
    [],
  );
  const selectAll = useCallback(
    () => setSelected((list.data?.items ?? []).filter((e) => e.status === 'pending').map((e) => e.id)),
    [list.data],
  );
  const changeStatus = useCallback((s: THoursStatus) => {
    setSelected([]);
    setAdjusting(null);
    setStatus(s);
  }, []);

  const confirm = useCallback(
    () =>
      action.run(
        'confirm',
        async () => {
          if (!selected.length) throw new Error('请先选择要确认的记录');
          const r = await volunteeringApi.confirmHours(teamId, selected);
          setSelected([]);
          await reload();
          return `已确认 ${r.confirmed} 条${r.skipped ? `，跳过 ${r.skipped} 条（已处理）` : ''}`;
        },
        selected.length ? CONFIRM.confirmHours(selected.length) : undefined,
      ),
    [action, selected, teamId, reload],
  );

  const reject = useCallback(
    (reason: string) =>
      action.run(
        'reject',
        async () => {
          if (!selected.length) throw new Error('请先选择要驳回的记录');
          const r = await volunteeringApi.rejectHours(teamId, selected, reason);
          setSelected([]);
          await reload();
          return `已驳回 ${r.rejected} 条`;
        },
        selected.length ? CONFIRM.reject(`${selected.length} 条时长记录`, reason) : undefined,
      ),
    [action, selected, teamId, reload],
  );

  const adjust = useCallback(
    (minutesText: string, reason: string) =>
      action.run('adjust', async () => {
        const minutes = Number(minutesText);
        if (!adjusting) throw new Error('请选择要调整的记录');
        if (!Number.isInteger(minutes) || minutes < 0) throw new Error('请填写调整后的总分钟数（整数）');
        const r = await volunteeringApi.adjustHours(adjusting, minutes, reason);
        setAdjusting(null);
        await reload();
        return r.outcome === 'adjusted' ? '已调整，调整记录已写入审计日志' : '时长未变化';
      }),
    [action, adjusting, reload],
  );

  return {
    status,
    changeStatus,
    list,
    selected,
    toggle,
    selectAll,
    confirm,
    reject,
    adjusting,
    setAdjusting,
    adjust,
    action,
  };
}
