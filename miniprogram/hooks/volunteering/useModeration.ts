import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { moderationApi } from '../../services/moderation';
import { useAction } from './useAction';

export type TModerationKind = 'activities' | 'intros' | 'notes';

const APPROVED: Record<TModerationKind, string> = {
  activities: '已通过，内容已公开',
  intros: '已通过，内容已公开',
  notes: '已通过，报名团队可以看到这条备注',
};

/** District 内容审核: the three queues, and one approve/reject action (a reason is required to reject). */
export function useModeration(enabled: boolean) {
  const [kind, setKind] = useState<TModerationKind>('activities');
  const activities = useAsync(() => moderationApi.activities(), [], enabled);
  const intros = useAsync(() => moderationApi.intros(), [], enabled);
  const notes = useAsync(() => moderationApi.notes(), [], enabled);
  const action = useAction();
  const decide = useCallback(
    (target: string, decision: 'approve' | 'reject', reason: string) =>
      action.run(`${decision}-${target}`, async () => {
        const body = decision === 'reject' ? { decision, reason } : { decision };
        const queues = {
          activities: { send: moderationApi.decideActivity, list: activities },
          intros: { send: moderationApi.decideIntro, list: intros },
          notes: { send: moderationApi.decideNote, list: notes },
        };
        await queues[kind].send(target, body);
        await queues[kind].list.reload();
        return decision === 'reject' ? '已驳回，已通知发布者' : APPROVED[kind];
      }),
    [action, activities, intros, notes, kind],
  );
  return { kind, setKind, activities, intros, notes, action, decide };
}
