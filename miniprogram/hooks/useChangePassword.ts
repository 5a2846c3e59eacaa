import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { ZChangePasswordForm } from '@shared/schemas/auth';
import { toastSuccess } from '../services/confirm';
import { identityApi } from '../services/identity';
import { useForm } from './useForm';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** 修改密码: current password, the new one twice; other devices are signed out by the server. */
export function useChangePassword() {
  const [done, setDone] = useState<string | null>(null);
  // The form's own reset, for after a success (the hook is built below, after onValid).
  const clear = useRef<() => void>(() => undefined);
  const onValid = useCallback(async ({ currentPassword, newPassword }: z.output<typeof ZChangePasswordForm>) => {
    setDone(null);
    const r = await identityApi.changePassword({ currentPassword, newPassword });
    clear.current();
    setDone(
      r.revokedSessions > 0 ? `密码已修改，其他 ${r.revokedSessions} 处登录已退出` : '密码已修改，下次登录请使用新密码',
    );
    toastSuccess('密码已修改');
  }, []);
  const form = useForm(ZChangePasswordForm, EMPTY, onValid);
  clear.current = () => form.reset(EMPTY);
  return { ...form, done };
}
