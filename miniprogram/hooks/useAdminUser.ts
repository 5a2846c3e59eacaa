import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ZRoleGrant } from '@shared/schemas/auth';
import { adminApi, rememberSelectedUser, selectedUser } from '../services/admin';
import { formErrorsFrom } from '../services/form-errors';
import { confirmAction, toastSuccess } from '../services/confirm';
import type { TAdminUserDto, TPersonalData } from '../services/types';
import { useForm } from './useForm';

/** One account seen by a district admin: roles, enable/disable, audited personal-data view. */
export function useAdminUser(id: string | undefined) {
  const [user, setUserState] = useState<TAdminUserDto | null>(() => selectedUser(id));
  const [personal, setPersonal] = useState<TPersonalData | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const update = useCallback((u: TAdminUserDto) => {
    rememberSelectedUser(u);
    setUserState(u);
  }, []);

  const run = useCallback(async (name: string, fn: () => Promise<string>) => {
    setBusy(name);
    setError(null);
    setSuccess(null);
    try {
      const message = await fn();
      setSuccess(message);
      toastSuccess(message);
    } catch (e) {
      setError(formErrorsFrom(e).form);
    } finally {
      setBusy(null);
    }
  }, []);

  const revoke = async (index: number) => {
    const ok = await confirmAction({
      title: '收回角色',
      content: '收回后该账号立即失去这一角色的权限，此操作记入审计日志。',
      confirmText: '收回',
      danger: true,
    });
    if (!ok) return;
    await run(`revoke-${index}`, async () => {
      update((await adminApi.adminRevokeRole(user!.id, index)).user);
      return '角色已收回';
    });
  };

  const setDisabled = async (disabled: boolean) => {
    const ok = await confirmAction(
      disabled
        ? {
            title: '停用账号',
            content: `停用后「${user!.displayName}」将无法登录，已登录的设备立即退出。可随时重新启用。`,
            confirmText: '停用',
            danger: true,
          }
        : { title: '启用账号', content: `启用后「${user!.displayName}」可以重新登录。`, confirmText: '启用' },
    );
    if (!ok) return;
    await run('disable', async () => {
      update((await adminApi.adminSetDisabled(user!.id, disabled)).user);
      return disabled ? '账号已停用' : '账号已启用';
    });
  };

  const viewPersonal = () =>
    run('personal', async () => {
      setPersonal(await adminApi.adminPersonal(user!.id));
      return '本次查看已记入审计日志';
    });

  const onGrant = useCallback(
    async (grant: z.output<typeof ZRoleGrant>) => {
      if (!user) return;
      const clean = { ...grant, scopeId: grant.scopeId || undefined, supervisorId: grant.supervisorId || undefined };
      update((await adminApi.adminGrantRole(user.id, clean)).user);
      setSuccess('角色已授予');
    },
    [user, update],
  );
  const grantForm = useForm(
    ZRoleGrant,
    { role: 'team_admin', scopeType: 'team', scopeId: '', supervisorId: '' },
    onGrant,
  );

  return { user, personal, busy, error, success, revoke, setDisabled, viewPersonal, grantForm, update };
}
