import { useCallback } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

/** Members and join requests of one team (team admins). */
export function useTeamMembers(teamId: string, enabled: boolean) {
  const pending = useAsync(() => volunteeringApi.teamMembers(teamId, 'pending'), [teamId], enabled);
  const active = useAsync(() => volunteeringApi.teamMembers(teamId, 'active'), [teamId], enabled);
  const action = useAction();
  const reloadPending = pending.reload;
  const reloadActive = active.reload;

  const decide = useCallback(
    (userId: string, decision: 'approve' | 'reject', reason?: string) =>
      action.run(
        `${decision}-${userId}`,
        async () => {
          await volunteeringApi.decideJoin(teamId, userId, reason ? { decision, reason } : { decision });
          await Promise.all([reloadPending(), reloadActive()]);
          return decision === 'approve' ? '已通过加入申请' : '已拒绝加入申请';
        },
        decision === 'approve'
          ? CONFIRM.approve('加入申请', '申请人将成为团队成员并收到通知。')
          : CONFIRM.reject('加入申请', reason ?? ''),
      ),
    [action, teamId, reloadPending, reloadActive],
  );

  const setRole = useCallback(
    (userId: string, role: 'member' | 'admin') =>
      action.run(`role-${userId}`, async () => {
        await volunteeringApi.setMemberRole(teamId, userId, role);
        await reloadActive();
        return role === 'admin' ? '已设为管理员' : '已设为普通成员';
      }),
    [action, teamId, reloadActive],
  );

  return { pending, active, action, decide, setRole };
}
