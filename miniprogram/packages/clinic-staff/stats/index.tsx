import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { useAsync } from '../../../hooks/useAsync';
import { useCoordinatorClinic } from '../../../hooks/clinic/useStaffClinic';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import { clinicApi, downloadStatsCsv } from '../../../services/clinic';
import '../../../components/volunteering/volunteering.scss';

const monthStart = () => `${todayShanghai().slice(0, 8)}01`;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Bars({ id, rows }: { id: string; rows: { label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <View id={id}>
      {rows.map((r) => (
        <View key={r.label} className="row">
          <Text className="row__label">{r.label}</Text>
          <View style={{ flex: 1, background: '#e8f3ee', borderRadius: '4px', marginRight: '8px' }}>
            <View
              style={{ width: `${(r.count / max) * 100}%`, height: '16px', background: '#0f7b55', borderRadius: '4px' }}
            />
          </View>
          <Text>{r.count}</Text>
        </View>
      ))}
    </View>
  );
}

/** Clinic stats (the coordinator's clinic, or the district), with bars and the CSV export. */
export default function ClinicStatsPage() {
  const guard = useStaffGuard();
  const clinicId = useCoordinatorClinic() ?? undefined;
  const [from, setFrom] = useState(monthStart());
  const [to, setTo] = useState(todayShanghai());
  const stats = useAsync(() => clinicApi.stats({ clinicId, from, to }), [clinicId, from, to], guard.allowed);
  const [note, setNote] = useState<string | null>(null);
  if (!guard.allowed) return <PageShell title="法律服务统计">{null}</PageShell>;
  const s = stats.data;
  return (
    <PageShell title="法律服务统计">
      <View className="card">
        <PickerField id="stats-from" label="开始日期" mode="date" value={from} onChange={setFrom} />
        <PickerField id="stats-to" label="结束日期" mode="date" value={to} onChange={setTo} />
      </View>
      <Notice message={stats.error} id="stats-error" />
      {s ? (
        <View className="card" id="stats-body">
          <Text className="card__title">{s.scope.name}</Text>
          <Text id="stats-served">
            服务人数 {s.peopleServed} · 咨询 {s.consultations} 次
          </Text>
          <Text id="stats-success">
            调解成功率 {pct(s.mediation.successRate)}（达成协议 {s.mediation.agreement} 件，未达成{' '}
            {s.mediation.noAgreement} 件；撤回 {s.mediation.withdrawn} 件不计，调解中 {s.mediation.open} 件）
          </Text>
          <Bars
            id="stats-mediation-bars"
            rows={[
              { label: '达成协议', count: s.mediation.agreement },
              { label: '未达成', count: s.mediation.noAgreement },
              { label: '撤回', count: s.mediation.withdrawn },
            ]}
          />
          <Text className="card__title">咨询类别</Text>
          <Bars id="stats-topic-bars" rows={s.byTopic.map((t) => ({ label: t.label, count: t.count }))} />
          <Text className="v-item__meta">
            未到场：居民 {s.noShow.resident} · 律师 {s.noShow.provider} · 未到场率 {pct(s.noShow.rate)} · 平均评分{' '}
            {s.averageRating ?? '—'}
          </Text>
          {s.byClinic.length > 1 || !clinicId ? (
            <View id="stats-by-clinic">
              <Text className="card__title">各诊所</Text>
              {s.byClinic.map((c) => (
                <View key={c.clinicId} className="v-item" id={`stats-clinic-${c.clinicId}`}>
                  <Text className="v-item__title">{c.name}</Text>
                  <Text className="v-item__meta">
                    服务 {c.peopleServed} 人 · 咨询 {c.consultations} 次 · 未到场率 {pct(c.noShow.rate)} · 调解成功率{' '}
                    {pct(c.mediation.successRate)}（达成 {c.mediation.agreement} / 未达成 {c.mediation.noAgreement}）
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          <View id="stats-by-month">
            <Text className="card__title">按月</Text>
            {s.byMonth.map((m) => (
              <View key={m.month} className="row" id={`stats-month-${m.month}`}>
                <Text className="row__label">{m.month}</Text>
                <Text>
                  预约 {m.bookings} · 咨询 {m.consultations} · 未到场 {m.noShows} · 调解 {m.mediations} · 成功率{' '}
                  {pct(m.successRate)}
                </Text>
              </View>
            ))}
          </View>
          <Bars id="stats-month-bars" rows={s.byMonth.map((m) => ({ label: m.month, count: m.consultations }))} />
          {/* Per-provider no-show rates only for those who manage providers (the server leaves them out otherwise). */}
          {s.abilities.providerNoShows ? (
            <View id="stats-by-provider">
              <Text className="card__title">服务人员未到场率</Text>
              {s.byProvider.length === 0 ? <Text className="muted">本期暂无咨询</Text> : null}
              {s.byProvider.map((p) => (
                <View key={p.providerId} className="row" id={`stats-provider-${p.providerId}`}>
                  <Text className="row__label">
                    {p.name}
                    {clinicId ? '' : ` · ${p.clinicName}`}
                  </Text>
                  <Text>
                    咨询 {p.consultations} · 居民未到 {p.noShow.resident} · 本人未到 {p.noShow.provider} · {pct(p.noShow.rate)}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          <Button
            id="stats-csv"
            className="btn btn--plain"
            onClick={() =>
              void downloadStatsCsv({ clinicId, from, to }).then(setNote, (e: Error) => setNote(e.message))
            }
          >
            导出 CSV
          </Button>
          <Notice type="success" message={note} id="stats-csv-note" />
        </View>
      ) : null}
    </PageShell>
  );
}
