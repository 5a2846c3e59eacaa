import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

export type TSignupScope = 'upcoming' | 'past' | 'all';

/** 我的活动: my signups by scope, with cancel and accept-offer. */
export function useMySignups(enabled: boolean) {
  const [scope, setScope] = useState<TSignupScope>('upcoming');
  const list = useAsync(() => volunteeringApi.mySignups(scope), [scope], enabled);
  const action = useAction();
  const { reload } = list;

  const cancel = useCallback(
    (id: string) =>
      action.run(
        `cancel-${id}`,
        async () => {
          const r = await volunteeringApi.cancelSignup(id);
          await reload();
          return r.outcome === 'late_cancelled' ? '已取消（已过取消截止时间，记为逾期取消）' : '已取消报名';
        },
        CONFIRM.cancelSignup,
      ),
    [action, reload],
  );
  const accept = useCallback(
    (id: string) =>
      action.run(`accept-${id}`, async () => {
        await volunteeringApi.acceptOffer(id);
        await reload();
        return '已确认参加';
      }),
    [action, reload],
  );
  return { scope, setScope, list, action, cancel, accept };
}
