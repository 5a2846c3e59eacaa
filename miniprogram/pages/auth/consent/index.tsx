import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { useConsent } from '../../../hooks/useConsent';
import { useSession } from '../../../hooks/useSession';
import { go, loginRoute } from '../../../services/nav';
import './index.scss';

/** Privacy policy; after login, shown until the user agrees to the current version. */
export default function ConsentPage() {
  const { policy, busy, error, agree, decline } = useConsent();
  const { user } = useSession();
  const needsConsent = !!user && user.consent.required;
  const paragraphs = (policy.data?.body ?? '').split('\n').filter((p) => p.trim());

  return (
    <PageShell title={policy.data?.title ?? '隐私政策'}>
      {needsConsent ? (
        <Notice type="info" message="使用邻里前，请阅读并同意以下隐私政策。" id="consent-required" />
      ) : null}
      <Notice message={policy.error} id="policy-error" />
      {policy.data || policy.loading ? (
        <View className="card consent__body" id="privacy-policy">
          {policy.loading && !policy.data ? <Text className="muted">正在加载隐私政策…</Text> : null}
          {paragraphs.map((p, i) => (
            <Text key={i} className="consent__para">
              {p}
            </Text>
          ))}
          {policy.data ? <Text className="muted">版本：{policy.data.version}</Text> : null}
        </View>
      ) : null}
      <Notice message={error} id="consent-error" />
      {user ? (
        user.consent.required ? (
          <View>
            <Button
              id="consent-agree"
              className="btn btn--primary"
              loading={busy}
              disabled={busy || !policy.data}
              onClick={() => void agree()}
            >
              同意并继续
            </Button>
            <Button id="consent-decline" className="btn btn--plain" disabled={busy} onClick={() => void decline()}>
              不同意并退出登录
            </Button>
          </View>
        ) : (
          <Notice
            type="success"
            message={`您已同意版本 ${user.consent.version ?? ''} 的隐私政策。`}
            id="consent-done"
          />
        )
      ) : policy.error ? (
        <Button className="btn btn--plain" onClick={() => void policy.reload()}>
          重新加载
        </Button>
      ) : (
        <Button id="consent-login" className="btn btn--plain" onClick={() => go(loginRoute())}>
          登录
        </Button>
      )}
    </PageShell>
  );
}
