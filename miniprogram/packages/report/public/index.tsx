import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { PageShell } from '../../../components/PageShell';
import { SelectField } from '../../../components/reports/SelectField';
import { SkeletonCards } from '../../../components/Skeleton';
import { useAsync } from '../../../hooks/useAsync';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { reportsApi } from '../../../services/reports';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

const STATUS = [
  { key: '', label: '全部' },
  { key: 'open', label: '处理中' },
  { key: 'closed', label: '已办结' },
];

/** Everyone's reports without personal data (the list that stands in for the map without a map key). */
export default function PublicReportsPage() {
  const [status, setStatus] = useState('');
  const [categoryCode, setCategory] = useState('');
  const cats = useAsync(() => reportsApi.categories(), []);
  const list = useAsync(() => reportsApi.publicList({ status: status || undefined, categoryCode: categoryCode || undefined }), [status, categoryCode]);
  const catItems = [{ code: '', label: '全部类别' }, ...(cats.data?.items ?? [])];
  const items = list.data?.items ?? [];
  return (
    <PageShell title="大家的上报">
      <View className="card">
        <SelectField id="public-category" label="类别" options={catItems.map((c) => ({ key: c.code, label: c.label }))} value={categoryCode} onChange={setCategory} />
        <SelectField id="public-status" label="状态" options={STATUS} value={status} onChange={setStatus} />
      </View>
      {list.loading && !list.data ? <SkeletonCards count={3} /> : null}
      {!list.loading && items.length === 0 ? <EmptyState title="暂无上报" /> : null}
      <View id="public-list">
        {items.map((r) => (
          <View key={r.id} className="card v-item" id={`public-${r.id}`} onClick={() => go(`${ROUTES.reportDetail}?id=${r.id}`)}>
            <Text className="v-item__title">{r.categoryLabel}</Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {r.reporterLabel} · {formatTime(r.createdAt)}
            </Text>
            <Text className="v-badge">
              {r.statusLabel}
              {r.overdue ? ' · 已超时' : ''}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
