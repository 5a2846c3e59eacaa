import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { useAsync } from '../../../hooks/useAsync';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { reportsApi } from '../../../services/reports';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

/** My reports and the ones I follow ("me too"). */
export default function MyReportsPage() {
  const [which, setWhich] = useState<'mine' | 'following'>('mine');
  const list = useAsync(() => reportsApi.mine(which), [which]);
  const items = list.data?.items ?? [];
  return (
    <PageShell title="我的上报">
      <View className="v-actions">
        <Button id="report-tab-mine" className={`btn ${which === 'mine' ? 'btn--primary' : 'btn--plain'}`} onClick={() => setWhich('mine')}>
          我上报的
        </Button>
        <Button id="report-tab-following" className={`btn ${which === 'following' ? 'btn--primary' : 'btn--plain'}`} onClick={() => setWhich('following')}>
          我关注的
        </Button>
      </View>
      {list.loading && !list.data ? <SkeletonCards count={2} /> : null}
      {!list.loading && items.length === 0 ? <EmptyState title="暂无记录" /> : null}
      <View id="report-mine-list">
        {items.map((r) => (
          <View key={r.id} className="card v-item" id={`report-${r.id}`} onClick={() => go(`${ROUTES.reportDetail}?id=${r.id}`)}>
            <Text className="v-item__title">{r.categoryLabel}</Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {formatTime(r.createdAt)}
            </Text>
            <Text className="v-badge">
              {r.statusLabel}
              {r.abilities.confirm ? ' · 请确认' : ''}
              {r.overdue ? ' · 已超时' : ''}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
