import { Button, Text, View } from '@tarojs/components';
import { LIMITS } from '@shared/limits';
import { PageShell } from '../../../components/PageShell';
import { BoundField } from '../../../components/BoundField';
import { Notice } from '../../../components/Notice';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useChangePassword } from '../../../hooks/useChangePassword';
import { ROUTES, go } from '../../../services/nav';

/** The three password inputs, in order: same control, same limit, each with its own error. */
const PASSWORD_FIELDS = [
  { key: 'currentPassword', id: 'password-current', label: '当前密码' },
  { key: 'newPassword', id: 'password-new', label: '新密码' },
  { key: 'confirmPassword', id: 'password-confirm', label: '再次输入新密码' },
] as const;

/** Staff change their own password (the first district admin is told to, right after signing in). */
export default function ChangePasswordPage() {
  const guard = useStaffGuard();
  const form = useChangePassword();

  if (!guard.allowed) {
    return (
      <PageShell title="修改密码">
        <Notice message={guard.user ? '仅工作人员账号可以修改密码。' : null} id="password-forbidden" />
      </PageShell>
    );
  }

  return (
    <PageShell title="修改密码">
      <View className="card" id="password-form">
        <Text className="card__title">修改登录密码</Text>
        <Text className="muted">
          新密码至少 {LIMITS.passwordMin} 位，须同时包含字母和数字。修改后，其他设备上的登录将全部退出。
        </Text>
        <Notice type="success" message={form.done} id="password-done" />
        <Notice message={form.formError} id="password-error" />
        {PASSWORD_FIELDS.map((f) => (
          <BoundField
            key={f.key}
            form={form}
            name={f.key}
            id={f.id}
            label={f.label}
            password
            maxlength={LIMITS.passwordMax}
          />
        ))}
        <Button
          id="password-submit"
          className="btn btn--primary"
          loading={form.submitting}
          disabled={form.submitting}
          onClick={() => void form.submit()}
        >
          确认修改
        </Button>
        <Button className="btn btn--plain" onClick={() => go(ROUTES.staffPortal)}>
          返回工作台
        </Button>
      </View>
    </PageShell>
  );
}
