import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { useAsync } from '../../../hooks/useAsync';
import { isH5 } from '../../../services/nav';
import { reportsApi } from '../../../services/reports';
import '../../../components/volunteering/volunteering.scss';

const BY = [
  { key: 'category', label: '按类别' },
  { key: 'grid', label: '按网格' },
  { key: 'department', label: '按部门（考核表）' },
  { key: 'day', label: '按日' },
  { key: 'month', label: '按月' },
];
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const DAY = 86_400_000;

/** 工单统计: 办结率 with fixed / not fixed / fixed by default apart, on-time rate, average times; CSV. */
export default function ReportStatsPage() {
  const [by, setBy] = useState('category');
  const [range] = useState(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }));
  const stats = useAsync(() => reportsApi.stats({ ...range, by }), [by]);
  const s = stats.data;
  const max = Math.max(1, ...(s?.rows ?? []).map((r) => r.received));
  const csv = () => {
    const url = reportsApi.statsCsvUrl({ ...range, by });
    if (isH5) window.open(url);
    else void Taro.setClipboardData({ data: url });
  };
  return (
    <PageShell title="工单统计">
      <Picker mode="selector" range={BY.map((b) => b.label)} onChange={(e) => setBy(BY[Number(e.detail.value)].key)}>
        <View className="row" id="stats-by">
          <Text className="row__label">分组</Text>
          <Text>{BY.find((b) => b.key === by)?.label} ▾</Text>
        </View>
      </Picker>
      {stats.loading && !s ? <SkeletonCards count={2} /> : null}
      <Notice message={stats.error} />
      {s ? (
        <View className="card" id="stats-total">
          <Text className="card__title">近 30 天合计</Text>
          <Text className="v-item__meta" id="stats-processing">
            受理 {s.total.received} · 办结 {s.total.closed} · 办结率 {pct(s.total.processingRate)}
          </Text>
          <Text className="v-item__meta" id="stats-fixed">
            已解决 {s.total.fixed}（{pct(s.total.fixedRate)}） · 默认解决 {s.total.fixedByDefault}（{pct(s.total.fixedByDefaultRate)}） · 未解决 {s.total.notFixed}
          </Text>
          <Text className="v-item__meta" id="stats-ontime">
            按时办结 {s.total.onTime} · 按时率 {pct(s.total.onTimeRate)} · 平均评分 {s.total.avgRating ?? '—'}
          </Text>
          <Text className="v-item__meta">
            平均受理 {s.total.avgAcceptMinutes ?? '—'} 分钟 · 平均到场 {s.total.avgArriveMinutes ?? '—'} 分钟 · 平均办结 {s.total.avgResolveMinutes ?? '—'} 分钟
          </Text>
        </View>
      ) : null}
      <View className="card" id="stats-rows">
        {(s?.rows ?? []).map((r) => (
          <View key={r.key || r.label} className="v-item">
            <Text className="v-item__meta">
              {r.label}：受理 {r.received}，办结率 {pct(r.processingRate)}，解决率 {pct(r.fixedRate)}，按时率 {pct(r.onTimeRate)}
            </Text>
            <View style={{ background: '#e8f0fe', height: '12px', borderRadius: '6px' }}>
              <View style={{ width: `${(r.received / max) * 100}%`, background: '#1a73e8', height: '12px', borderRadius: '6px' }} />
            </View>
          </View>
        ))}
      </View>
      <Button id="stats-csv" className="btn btn--plain" onClick={csv}>
        导出 CSV
      </Button>
    </PageShell>
  );
}
