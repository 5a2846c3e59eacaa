import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { PageShell } from '../../../components/PageShell';
import { ReportHeat } from '../../../components/reports/ReportHeat';
import { SelectField } from '../../../components/reports/SelectField';
import { SkeletonCards } from '../../../components/Skeleton';
import { usePublicReports, type TPublicView } from '../../../hooks/reports/usePublicReports';
import { formatTime } from '../../../services/format';
import { go, isH5 } from '../../../services/nav';
import { reportsMapAvailable } from '../../../services/reports';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

const STATUS = [
  { key: '', label: '全部' },
  { key: 'open', label: '处理中' },
  { key: 'closed', label: '已办结' },
];
const VIEWS: { key: TPublicView; label: string }[] = [
  { key: 'list', label: '列表' },
  { key: 'heat', label: '热力分布' },
];

/**
 * Everyone's reports without personal data: the list (category, status, area) and the heat view
 * (a map where one is available; the per-grid counts everywhere).
 */
export default function PublicReportsPage() {
  const withMap = reportsMapAvailable(isH5);
  const p = usePublicReports(withMap);
  const catItems = [{ code: '', label: '全部类别' }, ...(p.cats.data?.items ?? [])];
  const items = p.list.data?.items ?? [];
  return (
    <PageShell title="大家的上报">
      <View className="v-chips" id="public-views">
        {VIEWS.map((v) => (
          <Text key={v.key} id={`public-view-${v.key}`} className={`v-chip${p.view === v.key ? ' v-chip--on' : ''}`} onClick={() => p.setView(v.key)}>
            {v.label}
          </Text>
        ))}
      </View>
      <View className="card">
        <SelectField id="public-category" label="类别" options={catItems.map((c) => ({ key: c.code, label: c.label }))} value={p.categoryCode} onChange={p.setCategory} />
        <SelectField id="public-status" label="状态" options={STATUS} value={p.status} onChange={p.setStatus} />
        {p.view === 'list' ? <SelectField id="public-area" label="区域" options={p.areas} value={p.area} onChange={p.setArea} /> : null}
      </View>
      {p.view === 'heat' ? (
        <ReportHeat byGrid={p.byGrid.data} cells={p.cells.data} withMap={withMap} loading={p.byGrid.loading} error={p.byGrid.error} onGrid={p.showGrid} />
      ) : (
        <>
          {p.list.loading && !p.list.data ? <SkeletonCards count={3} /> : null}
          {!p.list.loading && items.length === 0 ? <EmptyState title="暂无上报" /> : null}
          <View id="public-list" className={p.list.loading ? 'is-loading' : 'is-ready'}>
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
        </>
      )}
    </PageShell>
  );
}
