import { useCallback, useState } from 'react';
import { HELP_CATEGORIES, type THelpCategory } from '@shared/schemas/volunteering/help-requests';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { formErrorsFrom } from '../../services/form-errors';
import { checkHelpDraft, helpField, type THelpDraft as TDraftFields } from './help-form';
import { useAction } from './useAction';

export interface THelpDraft extends TDraftFields {
  category: THelpCategory;
}

const EMPTY: THelpDraft = { category: HELP_CATEGORIES[0], description: '', address: '', date: '', time: '09:00' };

/** 我要求助: post a need (reviewed before it is public) and follow my requests. */
export function useHelpRequest(enabled: boolean) {
  const [draft, setDraft] = useState<THelpDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
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
        const { body, errors: local } = checkHelpDraft(draft);
        setErrors(local);
        if (Object.keys(local).length) throw new Error('请检查标红的项目后再提交');
        try {
          const r = await volunteeringApi.createHelpRequest(body as never);
          setDraft(EMPTY);
          await reload();
          return r.request.status === 'pending_review' ? '已提交，审核通过后将公开' : '已提交';
        } catch (e) {
          // The server's field messages (e.g. a time already past) go under their fields too.
          const { fields } = formErrorsFrom(e);
          setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [helpField(k), m])));
          throw e;
        }
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
  return { draft, errors, setField, submit, close, action, mine };
}
