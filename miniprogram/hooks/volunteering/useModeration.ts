import { useCallback, useState } from 'react';
import type { TReviewItemDto } from '@shared/schemas/review';
import { useAsync } from '../useAsync';
import { moderationApi } from '../../services/moderation';
import { useAction } from './useAction';
import { CONFIRM } from './confirmations';

/** 'all', or one registered kind (activity, volunteer-intro, signup-note, join-message, …). */
export type TModerationKind = string;

/**
 * District 内容审核: the one queue (all kinds, or one), its per-kind counts from
 * the server, and one approve/reject action (a reason is required to reject).
 * The decision carries the version the moderator saw, so a text changed since
 * is refused (409) rather than decided blind.
 */
export function useModeration(enabled: boolean) {
  const [kind, setKind] = useState<TModerationKind>('all');
  const queue = useAsync(() => moderationApi.list(kind === 'all' ? undefined : kind), [kind], enabled);
  const action = useAction();
  const decide = useCallback(
    (item: TReviewItemDto, decision: 'approve' | 'reject', reason: string) =>
      action.run(
        `${decision}-${item.id}`,
        async () => {
          const body =
            decision === 'reject' ? { decision, reason, version: item.version } : { decision, version: item.version };
          await moderationApi.decide(item.kind, item.id, body);
          await queue.reload();
          if (decision === 'reject') return '已驳回，已通知发布者';
          return queue.data?.kinds.find((k) => k.kind === item.kind)?.approvedHint ?? '已通过';
        },
        decision === 'approve' ? CONFIRM.approve('内容', '内容将对所有人可见。') : CONFIRM.reject('内容', reason),
      ),
    [action, queue],
  );
  return { kind, setKind, queue, action, decide };
}
