import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { useSession } from '../../../hooks/useSession';
import { useStats } from '../../../hooks/volunteering/useStats';
import { adminTeamIds } from '../../../hooks/volunteering/labels';
import { hasRole } from '../../../services/session';
import '../../../components/volunteering/volunteering.scss';

/** District stats (or a team's, with ?team=): volunteers, hours, activities per month or per team; CSV export. */
export default function StatsPage() {
  const teamId = useRouter().params.team;
  const { user } = useSession();
  const allowed = hasRole(user, 'district_admin') || (!!teamId && adminTeamIds(user?.roles).includes(teamId));
  const s = useStats(allowed, teamId);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  if (!allowed)
    return (
      <PageShell title="志愿服务统计">
        <Notice message={user ? '仅区级管理员或本团队管理员可以查看统计。' : null} id="stats-forbidden" />
      </PageShell>
    );
  const d = s.stats.data;
  return (
    <PageShell title={d ? `${d.scope.name} · 志愿服务统计` : '志愿服务统计'}>
      <View className="card">
        <FormField
          id="stats-from"
          label="开始月份（YYYY-MM，留空为近 12 个月）"
          value={from}
          maxlength={7}
          onChange={setFrom}
        />
        <FormField id="stats-to" label="结束月份（YYYY-MM）" value={to} maxlength={7} onChange={setTo} />
        <View className="v-chips">
          <Text
            id="stats-by-month"
            className={`v-chip${s.query.by !== 'team' ? ' v-chip--on' : ''}`}
            onClick={() => s.setQuery({ from: from || undefined, to: to || undefined, by: 'month' })}
          >
            按月
          </Text>
          {!teamId ? (
            <Text
              id="stats-by-team"
              className={`v-chip${s.query.by === 'team' ? ' v-chip--on' : ''}`}
              onClick={() => s.setQuery({ from: from || undefined, to: to || undefined, by: 'team' })}
            >
              按团队
            </Text>
          ) : null}
        </View>
        <Button
          id="stats-export"
          className="btn btn--plain"
          loading={s.action.busy === 'csv'}
          onClick={() => void s.exportCsv()}
        >
          导出 CSV（Excel 可直接打开）
        </Button>
      </View>
      <Notice message={s.stats.error ?? s.action.error} id="stats-error" />
      <Notice type="success" message={s.action.success} id="stats-success" />
      {d ? (
        <View className="card" id="stats-totals">
          <Text className="card__title">
            {d.from} 至 {d.to}
          </Text>
          <View className="row">
            <Text className="row__label">服务志愿者</Text>
            <Text id="stats-volunteers">{d.totals.volunteers} 人</Text>
          </View>
          <View className="row">
            <Text className="row__label">服务时长</Text>
            <Text id="stats-hours">{d.totals.hours} 小时</Text>
          </View>
          <View className="row">
            <Text className="row__label">举办活动</Text>
            <Text>{d.totals.activitiesHeld} 场</Text>
          </View>
          {d.registeredVolunteers !== null ? (
            <View className="row">
              <Text className="row__label">注册志愿者</Text>
              <Text>{d.registeredVolunteers} 人</Text>
            </View>
          ) : null}
          {d.certifiedTeams !== null ? (
            <View className="row">
              <Text className="row__label">认证团队</Text>
              <Text>{d.certifiedTeams} 个</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      <View id="stats-rows">
        {(d?.rows ?? []).map((r) => (
          <View key={r.key} className="card v-item">
            <Text className="v-item__title">{r.label}</Text>
            <Text className="v-item__meta">
              {r.volunteers} 人 · {r.hours} 小时 · 举办 {r.activitiesHeld} 场 · 有服务记录 {r.activitiesServed} 场
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
