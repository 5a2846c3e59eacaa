import { useCallback, useState } from 'react';
import { HELP_CATEGORIES, type THelpCategory } from '@shared/schemas/volunteering/help-requests';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { helpRequestProblem } from './help-form';
import { shanghaiToIso } from './labels';
import { useAction } from './useAction';

export interface THelpDraft {
  category: THelpCategory;
  description: string;
  address: string;
  date: string;
  time: string;
  location?: { lng: number; lat: number };
}

const EMPTY: THelpDraft = { category: HELP_CATEGORIES[0], description: '', address: '', date: '', time: '09:00' };

/** 我要求助: post a need (reviewed before it is public) and follow my requests. */
export function useHelpRequest(enabled: boolean) {
  const [draft, setDraft] = useState<THelpDraft>(EMPTY);
  const mine = useAsync(() => volunteeringApi.myHelpRequests(), [], enabled);
  const action = useAction();
  const { reload } = mine;
  const setField = useCallback(
    <K extends keyof THelpDraft>(k: K, v: THelpDraft[K]) => setDraft((d) => ({ ...d, [k]: v })),
    [],
  );

  const submit = useCallback(
    () =>
      action.run('submit', async () => {
        const neededAt = shanghaiToIso(draft.date, draft.time);
        if (!neededAt) throw new Error('请填写需要帮助的日期（YYYY-MM-DD）和时间（HH:MM）');
        const body = {
          category: draft.category,
          description: draft.description,
          address: draft.address,
          location: draft.location,
          neededAt,
        };
        const problem = helpRequestProblem(body);
        if (problem) throw new Error(problem);
        const r = await volunteeringApi.createHelpRequest({ ...body, neededAt: neededAt as unknown as Date });
        setDraft(EMPTY);
        await reload();
        return r.request.status === 'pending_review' ? '已提交，审核通过后将公开' : '已提交';
      }),
    [action, draft, reload],
  );
  const close = useCallback(
    (helpId: string) =>
      action.run(`close-${helpId}`, async () => {
        await volunteeringApi.closeHelpRequest(helpId);
        await reload();
        return '求助已关闭';
      }),
    [action, reload],
  );
  return { draft, setField, submit, close, action, mine };
}
