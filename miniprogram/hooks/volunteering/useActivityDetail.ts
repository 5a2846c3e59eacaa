import { useCallback } from 'react';
import type { TSignupDto } from '@shared/schemas/volunteering/signups';
import { ACTIVE_SIGNUP_STATUSES } from '@shared/schemas/volunteering/constants';
import { useAsync } from '../useAsync';
import { readActivity } from '../../services/first-screen';
import { volunteeringApi } from '../../services/volunteering';
import { askSignupConsent } from './subscribe';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

const OUTCOME_MESSAGES: Record<string, string> = {
  confirmed: '报名成功',
  pending_approval: '已提交报名，等待团队审核',
  waitlisted: '名额已满，您已进入候补队列',
  offered: '有空出的名额，请尽快确认',
};

export const isActive = (s: TSignupDto): boolean => (ACTIVE_SIGNUP_STATUSES as readonly string[]).includes(s.status);

/** Activity detail: the activity with its shifts, my signups, and sign up / cancel / accept-offer actions. */
export function useActivityDetail(activityId: string | undefined) {
  const state = useAsync(() => readActivity(activityId as string), [activityId], !!activityId);
  const action = useAction();
  const { reload } = state;

  const signup = useCallback(
    (shiftId: string, note = '') =>
      action.run(`signup-${shiftId}`, async () => {
        await askSignupConsent();
        try {
          const r = await volunteeringApi.signup(shiftId, note.trim() || undefined);
          await reload();
          return OUTCOME_MESSAGES[r.outcome] ?? '已报名';
        } catch (e) {
          // Refresh the counts either way: a "full" or "closed" answer means the page is stale.
          void reload();
          throw e;
        }
      }),
    [action, reload],
  );

  const cancel = useCallback(
    (signupId: string) =>
      action.run(
        `cancel-${signupId}`,
        async () => {
          const r = await volunteeringApi.cancelSignup(signupId);
          await reload();
          return r.outcome === 'late_cancelled' ? '已取消（已过取消截止时间，记为逾期取消）' : '已取消报名';
        },
        CONFIRM.cancelSignup,
      ),
    [action, reload],
  );

  const accept = useCallback(
    (signupId: string) =>
      action.run(`accept-${signupId}`, async () => {
        await volunteeringApi.acceptOffer(signupId);
        await reload();
        return '已确认，名额保留给您';
      }),
    [action, reload],
  );

  /** Activities without on-site check-in: the volunteer reports the time served; the team approves it. */
  const selfReport = useCallback(
    (shiftId: string, minutesText: string, note: string) =>
      action.run(`report-${shiftId}`, async () => {
        const minutes = Number(minutesText);
        if (!Number.isInteger(minutes) || minutes < 15) throw new Error('请填写服务分钟数（至少 15 分钟的整数）');
        await volunteeringApi.selfReport(activityId as string, { shiftId, minutes, note: note.trim() });
        return '已申报，等待团队确认';
      }),
    [action, activityId],
  );

  const needsRegistration = action.errorCode === 'volunteer_required';
  const mine = state.data?.mySignups ?? [];
  const activeByShift = new Map(mine.filter(isActive).map((s) => [s.shiftId, s]));

  return { ...state, action, signup, cancel, accept, selfReport, needsRegistration, activeByShift };
}
