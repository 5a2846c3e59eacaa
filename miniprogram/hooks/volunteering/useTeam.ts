import { useCallback } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';

/** Public team page: profile, totals, upcoming activities, and the join request. */
export function useTeam(teamId: string | undefined) {
  const team = useAsync(() => volunteeringApi.team(teamId as string), [teamId], !!teamId);
  const activities = useAsync(() => volunteeringApi.activities({ teamId, pageSize: 20 }), [teamId], !!teamId);
  const action = useAction();
  const { reload } = team;
  const join = useCallback(
    (message: string) =>
      action.run('join', async () => {
        await volunteeringApi.joinTeam(teamId as string, message.trim() || undefined);
        await reload();
        return '已提交加入申请，等待团队管理员审核';
      }),
    [action, teamId, reload],
  );
  return { team, activities, action, join };
}
