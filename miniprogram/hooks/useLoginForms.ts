import { useCallback, useState } from 'react';
import { z } from 'zod';
import { ZStaffLoginInput } from '@shared/schemas/auth';
import { api } from '../services/api';
import { completeLogin, wechatLogin } from '../services/auth-flow';
import { formErrorsFrom } from '../services/form-errors';
import { useForm } from './useForm';

/** Sandbox openids are plain tokens; the WeChat sandbox turns `sandbox:<openid>` into that openid. */
export const ZDevLoginInput = z.object({
  openid: z
    .string()
    .trim()
    .min(1, '请输入测试用 openid')
    .max(64, 'openid 最多 64 个字符')
    .regex(/^[A-Za-z0-9_-]+$/, 'openid 只能包含字母、数字、下划线和横线'),
});

export function useStaffLoginForm() {
  const onValid = useCallback(async (input: z.output<typeof ZStaffLoginInput>) => {
    completeLogin(await api.staffLogin(input));
  }, []);
  return useForm(ZStaffLoginInput, { username: '', password: '' }, onValid);
}

export function useDevLoginForm() {
  const onValid = useCallback(async ({ openid }: z.output<typeof ZDevLoginInput>) => {
    completeLogin(await api.wechatLogin(`sandbox:${openid}`));
  }, []);
  return useForm(ZDevLoginInput, { openid: '' }, onValid);
}

/** Mini-program: wx.login → POST /api/auth/wechat/login. */
export function useWechatLogin() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const login = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      completeLogin(await wechatLogin());
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, login };
}
