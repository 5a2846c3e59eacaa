import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { z } from 'zod';
import type { TRole } from '@shared/enums';
import { ZCreateStaffInput, ZRoleGrant } from '@shared/schemas/auth';
import { PageShell } from '../../../components/PageShell';
import { BoundField } from '../../../components/BoundField';
import { Notice } from '../../../components/Notice';
import { RoleGrantFields } from '../../../components/admin/RoleGrantForm';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useForm, type TFormApi } from '../../../hooks/useForm';
import { ApiError } from '../../../services/api';
import { adminApi, rememberSelectedUser } from '../../../services/admin';
import { ROUTES, replace } from '../../../services/nav';

/** The form keeps one initial role; ZCreateStaffInput gets it as `roles: [grant]`. */
const ZNewStaffForm = ZCreateStaffInput.omit({ roles: true }).extend(ZRoleGrant.shape);

export default function AdminStaffNewPage() {
  const guard = useStaffGuard('district_admin');
  const onValid = useCallback(async (v: z.output<typeof ZNewStaffForm>) => {
    const { role, scopeType, scopeId, supervisorId, ...account } = v;
    const grant = {
      role,
      scopeType: scopeId ? scopeType : undefined,
      scopeId: scopeId || undefined,
      supervisorId: supervisorId || undefined,
    };
    const { user } = await adminApi.adminCreateStaff({ ...account, roles: [grant] }).catch((e: unknown) => {
      // The API names role fields `roles.0.scopeId`; this form shows one role flat.
      if (e instanceof ApiError) {
        throw new ApiError(
          e.status,
          e.code,
          e.message,
          e.fields.map((f) => ({ ...f, path: f.path.replace(/^roles\.0\./, '') })),
        );
      }
      throw e;
    });
    rememberSelectedUser(user);
    replace(`${ROUTES.adminUser}?id=${encodeURIComponent(user.id)}`);
  }, []);
  const form = useForm(
    ZNewStaffForm,
    {
      username: '',
      password: '',
      displayName: '',
      role: 'team_admin' as TRole,
      scopeType: 'team',
      scopeId: '',
      supervisorId: '',
    },
    onValid,
  );

  if (!guard.allowed) {
    return (
      <PageShell title="新建工作人员">
        <Notice message={guard.user ? '仅区级管理员可以新建工作人员。' : null} id="admin-forbidden" />
      </PageShell>
    );
  }

  return (
    <PageShell title="新建工作人员">
      <View className="card" id="new-staff">
        <Notice message={form.formError} id="new-staff-error" />
        <BoundField
          form={form}
          name="username"
          id="new-staff-username"
          label="用户名"
          placeholder="字母、数字、下划线、点或横线"
          maxlength={32}
        />
        <BoundField
          form={form}
          name="password"
          id="new-staff-password"
          label="初始密码"
          password
          placeholder="至少 8 位"
          maxlength={128}
        />
        <BoundField form={form} name="displayName" id="new-staff-name" label="姓名" maxlength={30} />
        <Text className="card__title">初始角色</Text>
        <RoleGrantFields form={form as unknown as Parameters<typeof RoleGrantFields>[0]['form']} idPrefix="new-staff" />
        <Button
          id="new-staff-submit"
          className="btn btn--primary"
          loading={form.submitting}
          disabled={form.submitting}
          onClick={() => void form.submit()}
        >
          创建账号
        </Button>
      </View>
    </PageShell>
  );
}

export type TNewStaffForm = TFormApi<z.input<typeof ZNewStaffForm>>;
