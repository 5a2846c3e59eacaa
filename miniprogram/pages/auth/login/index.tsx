import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { DevLoginForm } from '../../../components/login/DevLoginForm';
import { useClientConfig } from '../../../hooks/useClientConfig';
import { useWechatLogin } from '../../../hooks/useLoginForms';
import { ROUTES, go, isH5 } from '../../../services/nav';

/** Resident sign-in: WeChat login in the mini-program; on H5 the sandbox form (dev only). */
export default function LoginPage() {
  const wechat = useWechatLogin();
  const { config } = useClientConfig();
  return (
    <PageShell title="登录邻里">
      {isH5 ? null : (
        <View className="card">
          <Text className="card__title">微信登录</Text>
          <Text className="muted">使用微信身份登录，登录即表示您将阅读并确认《邻里隐私政策》。</Text>
          <Notice message={wechat.error} id="wechat-login-error" />
          <Button
            id="wechat-login"
            className="btn btn--primary"
            loading={wechat.busy}
            disabled={wechat.busy}
            onClick={() => void wechat.login()}
          >
            微信一键登录
          </Button>
        </View>
      )}
      {isH5 && config?.devLogin ? <DevLoginForm /> : null}
      <View className="card">
        <Text className="link" id="goto-staff-login" onClick={() => go(ROUTES.staffLogin)}>
          工作人员登录 ›
        </Text>
      </View>
    </PageShell>
  );
}
