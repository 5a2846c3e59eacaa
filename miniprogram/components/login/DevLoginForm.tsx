import { Button, Text, View } from '@tarojs/components';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { useDevLoginForm } from '../../hooks/useLoginForms';

/** Resident login through the WeChat sandbox; rendered only when /api/client-config says devLogin. */
export function DevLoginForm() {
  const form = useDevLoginForm();
  return (
    <View className="card" id="dev-login">
      <Text className="card__title">开发环境登录</Text>
      <Text className="muted">仅用于开发与测试：以居民身份登录，输入任意 openid 即可模拟微信登录。</Text>
      <Notice message={form.formError} id="dev-login-error" />
      <FormField
        id="dev-openid"
        label="测试 openid"
        value={form.values.openid}
        error={form.errors.openid}
        placeholder="例如 resident-001"
        maxlength={64}
        onChange={(v) => form.setField('openid', v)}
      />
      <Button
        id="dev-login-submit"
        className="btn btn--primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void form.submit()}
      >
        以居民身份登录
      </Button>
    </View>
  );
}
