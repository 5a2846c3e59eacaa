import { useCallback, useRef, useState } from 'react';
import { z } from 'zod';
import { maskIdNumber } from '@shared/idcard';
import { ZRealNameInput } from '@shared/schemas/auth';
import { api } from '../services/api';
import { exportFileName, saveExport } from '../services/export';
import { formErrorsFrom } from '../services/form-errors';
import { ROUTES, replace } from '../services/nav';
import { clearSession, setUser } from '../services/session';
import { useForm } from './useForm';

export interface TActionState {
  busy: string | null;
  error: string | null;
  success: string | null;
}

/** 我的 page actions other than the forms: phone binding, export, deletion. */
export function useAccountActions() {
  const [state, setState] = useState<TActionState>({ busy: null, error: null, success: null });

  const run = useCallback(async (name: string, action: () => Promise<string | null>) => {
    setState({ busy: name, error: null, success: null });
    try {
      const success = await action();
      setState({ busy: null, error: null, success });
    } catch (e) {
      setState({ busy: null, error: formErrorsFrom(e).form, success: null });
    }
  }, []);

  const bindPhone = useCallback(
    (code: string) =>
      run('phone', async () => {
        const { user } = await api.bindPhone(code);
        setUser(user);
        return '手机号已绑定';
      }),
    [run],
  );

  const exportData = useCallback(
    () =>
      run('export', async () => {
        const res = await api.exportData();
        return saveExport(exportFileName(res.header['content-disposition']), res.data);
      }),
    [run],
  );

  const deleteAccount = useCallback(
    () =>
      run('delete', async () => {
        await api.deleteAccount();
        clearSession();
        replace(ROUTES.home);
        return '账号已注销';
      }),
    [run],
  );

  const fail = useCallback((message: string) => setState({ busy: null, error: message, success: null }), []);

  return { ...state, bindPhone, exportData, deleteAccount, fail };
}

/**
 * 实名认证 form: the shared zod schema on the client, then a confirmation step (the name and
 * the masked ID, "提交后不可自行修改") before anything is sent, then the server's field messages.
 * A refusal from the server takes the user back to the form with the messages under the fields.
 */
export function useRealNameForm() {
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState<z.output<typeof ZRealNameInput> | null>(null);
  const confirmed = useRef(false);
  const onValid = useCallback(async (input: z.output<typeof ZRealNameInput>) => {
    if (!confirmed.current) {
      setPending(input);
      return;
    }
    confirmed.current = false;
    try {
      const { user } = await api.realName(input);
      setUser(user);
      setDone(true);
    } finally {
      setPending(null);
    }
  }, []);
  const form = useForm(ZRealNameInput, { name: '', idNumber: '' }, onValid);
  const confirm = useCallback(async () => {
    confirmed.current = true;
    await form.submit();
  }, [form]);
  const back = useCallback(() => setPending(null), []);
  const preview = pending ? { name: pending.name, idNumberMasked: maskIdNumber(pending.idNumber) } : null;
  return { ...form, done, preview, confirm, back };
}

export { toSandboxPhoneCode } from '../services/phone';
