import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { useApiKeys } from '../../../hooks/reports/useApiKeys';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/** Open311 接口密钥 (GeoReport v2 under /open311/v2/): issue, see once, revoke. */
export default function ReportApiKeysPage() {
  useStaffGuard('district_admin');
  const k = useApiKeys();
  const { values, errors, setField } = k.form;
  const keys = k.list.data?.items ?? [];
  return (
    <PageShell title="Open311 接口密钥">
      <View className="card" id="keys-form">
        <Text className="card__title">签发新密钥</Text>
        <Text className="v-item__meta">供 12345 热线等外部系统通过 Open311 GeoReport v2 接口（/open311/v2/）提交和查询问题。</Text>
        <FormField id="keys-name" label="使用方名称" value={values.name} error={errors.name} maxlength={40} onChange={(v) => setField('name', v)} />
        <Notice message={k.form.formError} id="keys-error" />
        <Button id="keys-submit" className="btn btn--primary" loading={k.form.submitting} onClick={() => void k.form.submit()}>
          签发密钥
        </Button>
      </View>
      {k.issued ? (
        <View className="card" id="keys-issued">
          <Text className="card__title">“{k.issued.name}”的密钥（只显示这一次，请立即复制保存）</Text>
          <Text className="v-item__meta" id="keys-secret" userSelect>
            {k.issued.key}
          </Text>
          <View className="v-actions">
            <Button id="keys-copy" className="btn btn--plain" onClick={k.copy}>
              复制密钥
            </Button>
            <Button id="keys-dismiss" className="btn btn--plain" onClick={k.dismiss}>
              我已保存
            </Button>
          </View>
        </View>
      ) : null}
      <Notice message={k.action.error} id="keys-action-error" />
      <Notice type="success" message={k.action.success} id="keys-action-success" />
      {k.list.loading && !k.list.data ? <SkeletonCards count={2} /> : null}
      <Notice message={k.list.error} />
      {!k.list.loading && keys.length === 0 ? <EmptyState title="尚未签发密钥" /> : null}
      <View id="keys-list">
        {keys.map((key) => (
          <View key={key.id} className="card v-item" id={`key-${key.id}`}>
            <Text className="v-item__title">{key.name}</Text>
            <Text className="v-item__meta">
              {key.prefix}… · 签发于 {formatTime(key.createdAt)}
              {key.revokedAt ? ` · 已于 ${formatTime(key.revokedAt)} 吊销` : ' · 有效'}
            </Text>
            {!key.revokedAt ? (
              <Button id={`key-${key.id}-revoke`} className="btn btn--plain" loading={k.action.busy === `revoke-${key.id}`} onClick={() => void k.revoke(key)}>
                吊销
              </Button>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
