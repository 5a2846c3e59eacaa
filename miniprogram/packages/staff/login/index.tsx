import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { StaffLoginForm } from '../../../components/login/StaffLoginForm';
import { DevLoginForm } from '../../../components/login/DevLoginForm';
import { useClientConfig } from '../../../hooks/useClientConfig';

/**
 * The H5 sign-in page: staff log in with username and password; in
 * development a resident can sign in through the WeChat sandbox.
 */
export default function StaffLoginPage() {
  const { config, error } = useClientConfig();
  return (
    <PageShell title="登录邻里">
      <StaffLoginForm />
      {config?.devLogin ? <DevLoginForm /> : null}
      {error ? <Notice type="info" message={`暂时无法获取服务配置：${error}`} id="client-config-error" /> : null}
      <View className="muted">
        <Text>居民请在微信中打开“邻里”小程序登录。</Text>
      </View>
    </PageShell>
  );
}
