import { useCallback, useState } from 'react';
import type { THelpStatus } from '@shared/schemas/volunteering/help-requests';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

export type TTeamAppStatus = 'pending' | 'certified' | 'rejected';

/** District admin: certify or reject team applications (reason required to reject; audited on the server). */
export function useTeamCertification(enabled: boolean) {
  const [status, setStatus] = useState<TTeamAppStatus>('pending');
  const list = useAsync(() => volunteeringApi.teamApplications(status), [status], enabled);
  const action = useAction();
  const { reload } = list;
  const review = useCallback(
    (teamId: string, decision: 'certify' | 'reject', reason: string) =>
      action.run(
        `${decision}-${teamId}`,
        async () => {
          await volunteeringApi.reviewTeam(teamId, decision === 'reject' ? { decision, reason } : { decision });
          await reload();
          return decision === 'certify' ? '已认证，申请人已成为团队管理员' : '已驳回';
        },
        decision === 'certify' ? CONFIRM.certifyTeam : CONFIRM.reject('团队认证申请', reason),
      ),
    [action, reload],
  );
  return { status, setStatus, list, action, review };
}

/** District (or team) admin: review help requests before they are public. */
export function useHelpReview(enabled: boolean) {
  const [status, setStatus] = useState<THelpStatus>('pending_review');
  const list = useAsync(() => volunteeringApi.helpReviewQueue(status), [status], enabled);
  const action = useAction();
  const { reload } = list;
  const review = useCallback(
    (id: string, decision: 'approve' | 'reject', reason: string) =>
      action.run(
        `${decision}-${id}`,
        async () => {
          await volunteeringApi.reviewHelpRequest(id, decision, decision === 'reject' ? reason : undefined);
          await reload();
          return decision === 'approve' ? '已通过，求助已公开' : '已驳回';
        },
        decision === 'approve'
          ? CONFIRM.approve('求助', '求助将公开（不显示求助人身份），求助人会收到通知。')
          : CONFIRM.reject('求助', reason),
      ),
    [action, reload],
  );
  return { status, setStatus, list, action, review };
}
