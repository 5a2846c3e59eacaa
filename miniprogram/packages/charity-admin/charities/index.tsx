import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { useAsync } from '../../../hooks/useAsync';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { donationsApi } from '../../../services/donations';
import { formatDate } from '../../../services/format';
import '../../charity/charity.scss';

/**
 * District admin: the charities with public-fundraising status (each its own WeChat Pay merchant).
 * Merchant keys are configured by the operator (files and env references), so they are added
 * through the API, not typed into a phone form.
 */
export default function AdminCharitiesPage() {
  useStaffGuard();
  const list = useAsync(() => donationsApi.charities(), []);
  return (
    <PageShell title="公益机构">
      <Notice message={list.error} id="charities-error" />
      {!list.loading && list.data?.items.length === 0 ? <EmptyState title="暂无公益机构" description="由运维人员配置商户证书后通过接口添加" /> : null}
      <View id="admin-charities">
        {list.data?.items.map((c) => (
          <View key={c.id} className="card ch-item" id={`admin-charity-${c.id}`}>
            <Text className="ch-title">{c.name}</Text>
            <Text className="ch-meta">统一社会信用代码：{c.uscc}</Text>
            <Text className="ch-meta">公开募捐备案号：{c.filingNumber}</Text>
            <Text className="ch-meta">
              微信支付商户号：{c.mchId ?? '—'} · 添加于 {formatDate(c.createdAt)}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
