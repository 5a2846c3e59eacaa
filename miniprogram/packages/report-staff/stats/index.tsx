import { Button, Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { PickerField } from '../../../components/PickerField';
import { SelectField } from '../../../components/reports/SelectField';
import { SkeletonCards } from '../../../components/Skeleton';
import { STATS_GROUPS, shanghaiDate, useReportStats } from '../../../hooks/reports/useReportStats';
import '../../../components/volunteering/volunteering.scss';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 工单统计: 办结率 with fixed / not fixed / fixed by default apart, on-time rate, average times; CSV. */
export default function ReportStatsPage() {
  const st = useReportStats();
  const s = st.stats.data;
  const max = Math.max(1, ...(s?.rows ?? []).map((r) => r.received));
  return (
    <PageShell title="工单统计">
      <View className="card">
        <PickerField id="stats-from" label="开始日期" mode="date" value={st.fromDate} end={shanghaiDate()} onChange={st.setFromDate} />
        <PickerField id="stats-to" label="结束日期" mode="date" value={st.toDate} end={shanghaiDate()} error={st.rangeError ?? undefined} onChange={st.setToDate} />
        <SelectField id="stats-by" label="分组" options={STATS_GROUPS} value={st.by} onChange={st.setBy} />
      </View>
      {st.stats.loading && !s ? <SkeletonCards count={2} /> : null}
      <Notice message={st.stats.error} />
      {s ? (
        <View className="card" id="stats-total">
          <Text className="card__title">
            {st.fromDate} 至 {st.toDate} 合计
          </Text>
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
      <View className="card" id="stats-rows" data-by={st.by}>
        {(s?.rows ?? []).map((r) => (
          <View key={r.key || r.label} className="v-item stats-row">
            <Text className="v-item__meta">
              {r.label}：受理 {r.received}，办结率 {pct(r.processingRate)}，解决率 {pct(r.fixedRate)}，按时率 {pct(r.onTimeRate)}
            </Text>
            <View style={{ background: '#e8f0fe', height: '12px', borderRadius: '6px' }}>
              <View style={{ width: `${(r.received / max) * 100}%`, background: '#1a73e8', height: '12px', borderRadius: '6px' }} />
            </View>
          </View>
        ))}
      </View>
      <Notice message={st.action.error} id="stats-csv-error" />
      <Notice type="success" message={st.action.success} id="stats-csv-done" />
      <Button id="stats-csv" className="btn btn--plain" loading={st.action.busy === 'csv'} onClick={() => void st.exportCsv()}>
        导出 CSV（Excel 可直接打开）
      </Button>
    </PageShell>
  );
}
