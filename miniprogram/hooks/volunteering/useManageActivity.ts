import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { ZActivityCancelInput } from '@shared/schemas/volunteering/activities';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';
import { useCheckinQr } from './useCheckinQr';

/** Team admin's view of one activity: applicants and approvals, the check-in QR, attendance, cancel. */
export function useManageActivity(activityId: string | undefined) {
  const enabled = !!activityId;
  const detail = useAsync(() => volunteeringApi.activity(activityId as string), [activityId], enabled);
  const applicants = useAsync(() => volunteeringApi.applicants(activityId as string), [activityId], enabled);
  const attendance = useAsync(() => volunteeringApi.attendance(activityId as string), [activityId], enabled);
  const [qrShift, setQrShift] = useState<string | null>(null);
  const qr = useCheckinQr(activityId, qrShift);
  const action = useAction();
  const reloadApplicants = applicants.reload;
  const reloadDetail = detail.reload;
  const reloadAttendance = attendance.reload;

  const refresh = useCallback(async () => {
    await Promise.all([reloadDetail(), reloadApplicants(), reloadAttendance()]);
  }, [reloadDetail, reloadApplicants, reloadAttendance]);

  const decide = useCallback(
    (signupId: string, decision: 'approve' | 'reject', reason?: string) =>
      action.run(
        `${decision}-${signupId}`,
        async () => {
          await volunteeringApi.decideSignup(signupId, reason ? { decision, reason } : { decision });
          await refresh();
          return decision === 'approve' ? '已通过' : '已拒绝';
        },
        decision === 'approve'
          ? CONFIRM.approve('报名', '志愿者会收到报名成功的通知。')
          : CONFIRM.reject('报名', reason ?? ''),
      ),
    [action, refresh],
  );

  /** The cancel reason has its own box: it is checked here, then confirmed, then sent and shown to volunteers. */
  const [cancelError, setCancelError] = useState<string | null>(null);
  const cancelActivity = useCallback(
    (reason: string) => {
      const parsed = ZActivityCancelInput.safeParse({ reason });
      setCancelError(parsed.success ? null : (parsed.error.issues[0]?.message ?? null));
      if (!parsed.success) return Promise.resolve(false);
      return action.run(
        'cancel-activity',
        async () => {
          const r = await volunteeringApi.cancelActivity(activityId as string, parsed.data);
          await refresh();
          return `活动已取消，已通知并释放 ${r.released} 名报名者`;
        },
        CONFIRM.cancelActivity,
      );
    },
    [action, activityId, refresh],
  );

  return {
    detail,
    applicants,
    attendance,
    qrShift,
    setQrShift,
    qr,
    action,
    decide,
    cancelActivity,
    cancelError,
    refresh,
  };
}
