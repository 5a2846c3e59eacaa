import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAsync } from '../useAsync';
import { ApiError } from '../../services/request';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';

/**
 * Team admin: pending no-show / late-cancel appeals of the team. The list carries the
 * activity id only, so titles are looked up once per activity. Upheld waives the
 * event (the volunteer's no-show score drops); rejecting needs a note for the volunteer.
 */
export function useTeamAppeals(teamId: string, enabled: boolean) {
  const list = useAsync(() => volunteeringApi.teamAppeals(teamId), [teamId], enabled && !!teamId);
  const action = useAction();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const { reload } = list;

  useEffect(() => {
    const missing = [...new Set(items.map((r) => r.event.activityId).filter((x): x is string => !!x))].filter(
      (aid) => !(aid in titles),
    );
    for (const aid of missing) {
      setTitles((t) => ({ ...t, [aid]: '' }));
      void volunteeringApi
        .activity(aid)
        .then((r) => setTitles((t) => ({ ...t, [aid]: r.activity.title })))
        .catch(() => setTitles((t) => ({ ...t, [aid]: '（活动已不可见）' })));
    }
  }, [items, titles]);

  const decide = useCallback(
    (userId: string, eventId: string, decision: 'upheld' | 'rejected', note: string) =>
      action.run(`${decision}-${eventId}`, async () => {
        const text = note.trim();
        if (decision === 'rejected' && text.length < 2) {
          throw new ApiError(400, 'validation_failed', '驳回申诉请填写原因（至少 2 个字）');
        }
        await volunteeringApi.decideAppeal(userId, eventId, text ? { decision, note: text } : { decision });
        await reload();
        return decision === 'upheld' ? '申诉成立，该记录已作废' : '已驳回申诉';
      }),
    [action, reload],
  );

  return { list, items, titles, action, decide };
}
