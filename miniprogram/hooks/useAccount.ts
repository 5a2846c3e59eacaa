import { useCallback, useState } from 'react';
import { z } from 'zod';
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

/** 实名认证 form: the shared zod schema on the client, the server's field messages after. */
export function useRealNameForm() {
  const [done, setDone] = useState(false);
  const onValid = useCallback(async (input: z.output<typeof ZRealNameInput>) => {
    const { user } = await api.realName(input);
    setUser(user);
    setDone(true);
  }, []);
  return { ...useForm(ZRealNameInput, { name: '', idNumber: '' }, onValid), done };
}

export { toSandboxPhoneCode } from '../services/phone';
