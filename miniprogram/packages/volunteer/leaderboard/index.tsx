import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Leaderboard } from '../../../components/volunteering/Leaderboard';
import { useLeaderboard } from '../../../hooks/volunteering/useLeaderboard';
import '../../../components/volunteering/volunteering.scss';

/** Volunteer hours leaderboard: the district's, or a team's with ?team=; this month, this year or all time. */
export default function LeaderboardPage() {
  const teamId = useRouter().params.team || undefined;
  const b = useLeaderboard(teamId);
  const d = b.board.data;
  return (
    <PageShell title={d ? `${d.scope.name} · 服务时长排行` : '服务时长排行'}>
      <Text className="muted" id="board-label">
        {d ? `${d.label} · 按已确认的服务时长，姓名已隐去部分字` : '按已确认的服务时长'}
      </Text>
      <Leaderboard id="board" board={b} />
    </PageShell>
  );
}
