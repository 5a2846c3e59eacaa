import { Button, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { useStaffLoginForm } from '../../hooks/useLoginForms';

/** Username + password for staff (H5 portal). */
export function StaffLoginForm() {
  const form = useStaffLoginForm();
  return (
    <View className="card" id="staff-login">
      <Text className="card__title">工作人员登录</Text>
      <Notice message={form.formError} id="staff-login-error" />
      <FormField
        id="staff-username"
        label="用户名"
        value={form.values.username}
        error={form.errors.username}
        placeholder="请输入用户名"
        onChange={(v) => form.setField('username', v)}
      />
      <FormField
        id="staff-password"
        label="密码"
        password
        value={form.values.password}
        error={form.errors.password}
        placeholder="请输入密码"
        onChange={(v) => form.setField('password', v)}
      />
      <Button
        id="staff-login-submit"
        className="btn btn--primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        登录
      </Button>
    </View>
  );
}
