import { useCallback, useMemo } from 'react';
import { useAsync } from '../useAsync';
import { ApiError } from '../../services/request';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

/**
 * Team admin: pending no-show / late-cancel appeals of the team, each with its activity's
 * title. Upheld waives the event (the volunteer's no-show score drops); rejecting needs a
 * note for the volunteer.
 */
export function useTeamAppeals(teamId: string, enabled: boolean) {
  const list = useAsync(() => volunteeringApi.teamAppeals(teamId), [teamId], enabled && !!teamId);
  const action = useAction();
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const { reload } = list;

  const decide = useCallback(
    (userId: string, eventId: string, decision: 'upheld' | 'rejected', note: string) =>
      action.run(
        `${decision}-${eventId}`,
        async () => {
          const text = note.trim();
          if (decision === 'rejected' && text.length < 2) {
            throw new ApiError(400, 'validation_failed', '驳回申诉请填写原因（至少 2 个字）');
          }
          await volunteeringApi.decideAppeal(userId, eventId, text ? { decision, note: text } : { decision });
          await reload();
          return decision === 'upheld' ? '申诉成立，该记录已作废' : '已驳回申诉';
        },
        decision === 'upheld'
          ? CONFIRM.approve('申诉', '该记录作废，不再计入爽约分，志愿者会收到通知。')
          : CONFIRM.reject('申诉', note),
      ),
    [action, reload],
  );

  return { list, items, action, decide };
}
