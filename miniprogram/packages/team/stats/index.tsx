import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { MonthField } from '../../../components/MonthField';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SkeletonCards } from '../../../components/Skeleton';
import { Leaderboard } from '../../../components/volunteering/Leaderboard';
import { StatsView } from '../../../components/volunteering/StatsView';
import { useLeaderboard } from '../../../hooks/volunteering/useLeaderboard';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useTeamStats } from '../../../hooks/volunteering/useTeamStats';
import '../../../components/volunteering/volunteering.scss';

/** Team statistics for its admins: volunteers, hours and activities by month, CSV export, the team's leaderboard. */
export default function TeamStatsPage() {
  const t = useTeamAdmin(useRouter().params.team);
  const s = useTeamStats(t.teamId, t.allowed);
  const board = useLeaderboard(t.teamId, t.allowed);
  if (!t.allowed)
    return (
      <PageShell title="团队统计">
        <Notice message={t.user ? '仅本团队管理员可以查看统计。' : null} id="team-stats-forbidden" />
      </PageShell>
    );
  const d = s.stats.data;
  return (
    <PageShell title={`${t.team?.name ?? '团队'} · 统计`}>
      <View className="card">
        <MonthField id="team-stats-from" label="开始月份" value={s.from} error={s.errors.from} onChange={s.setFrom} />
        <MonthField id="team-stats-to" label="结束月份" value={s.to} error={s.errors.to} onChange={s.setTo} />
        <View className="v-actions">
          <Button id="team-stats-apply" className="btn btn--primary" onClick={s.apply}>
            查询
          </Button>
          <Button id="team-stats-export" className="btn btn--plain" loading={s.action.busy === 'csv'} onClick={() => void s.exportCsv()}>
            导出 CSV
          </Button>
        </View>
      </View>
      <Notice message={s.stats.error ?? s.action.error} id="team-stats-error" />
      <Notice type="success" message={s.action.success} id="team-stats-success" />
      {s.stats.loading && !d ? <SkeletonCards id="team-stats-loading" count={2} /> : null}
      {d && !s.stats.error ? <StatsView id="team-stats" stats={d} /> : null}
      <Text className="card__title">本团队服务时长排行</Text>
      <Leaderboard id="team-board" board={board} />
    </PageShell>
  );
}
