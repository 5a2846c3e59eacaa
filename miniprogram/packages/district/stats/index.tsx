import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { MonthField } from '../../../components/MonthField';
import { SkeletonCards } from '../../../components/Skeleton';
import { StatsView } from '../../../components/volunteering/StatsView';
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
        <MonthField id="stats-from" label="开始月份" value={from} onChange={setFrom} />
        <MonthField id="stats-to" label="结束月份" value={to} placeholder="本月" onChange={setTo} />
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
      {s.stats.loading && !d ? <SkeletonCards id="stats-loading" count={2} /> : null}
      {/* A failed query under new months shows its error, not the previous months' figures. */}
      {d && !s.stats.error ? <StatsView id="stats" stats={d} /> : null}
    </PageShell>
  );
}
