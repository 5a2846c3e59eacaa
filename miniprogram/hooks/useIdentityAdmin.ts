import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ZRealNameCorrectionInput, ZUserSearchQuery, type TUserDto } from '@shared/schemas/auth';
import { confirmAction, toastSuccess } from '../services/confirm';
import { identityApi } from '../services/identity';
import { useForm } from './useForm';

/**
 * The district admin corrects a volunteer's verified name and ID: the shared schema first, then
 * a confirmation (it notifies the volunteer and is audited), then the server's field messages.
 */
export function useRealNameCorrection(user: TUserDto, onCorrected: (u: TUserDto) => void) {
  const [done, setDone] = useState<string | null>(null);
  const onValid = useCallback(
    async (input: z.output<typeof ZRealNameCorrectionInput>) => {
      const ok = await confirmAction({
        title: '更正实名信息',
        content: `将「${user.displayName}」的实名信息更正为：${input.name}。本次更正记入审计日志，并通知本人。`,
        confirmText: '更正',
      });
      if (!ok) return;
      const { user: updated } = await identityApi.correctRealName(user.id, input);
      onCorrected(updated);
      setDone('实名信息已更正，已通知本人');
      toastSuccess('已更正');
    },
    [user, onCorrected],
  );
  const form = useForm(ZRealNameCorrectionInput, { name: '', idNumber: '', reason: '' }, onValid);
  return { ...form, done };
}

/** Exact-match search by the full phone number or the full verified name (each search audited). */
export function useUserSearch() {
  const [results, setResults] = useState<TUserDto[] | null>(null);
  const onValid = useCallback(async (q: z.output<typeof ZUserSearchQuery>) => {
    setResults(null);
    setResults((await identityApi.searchUsers(q)).items);
  }, []);
  const form = useForm(ZUserSearchQuery, { by: 'phone', q: '' }, onValid);
  return { ...form, results };
}
