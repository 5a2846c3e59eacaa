import { Text, View } from '@tarojs/components';
import { EmptyState } from '../EmptyState';
import { Notice } from '../Notice';
import { SkeletonCards } from '../Skeleton';
import { BOARD_PERIODS } from '../../services/stats';
import type { useLeaderboard } from '../../hooks/volunteering/useLeaderboard';

/** Period chips and the ranked rows (names arrive masked from the server). */
export function Leaderboard({ id, board: b }: { id: string; board: ReturnType<typeof useLeaderboard> }) {
  const d = b.board.data;
  // A failed load under a new period shows the error, not the previous period's rows.
  const rows = b.board.error || d?.period !== b.period ? [] : d.items;
  return (
    <View id={id}>
      <View className="v-chips">
        {BOARD_PERIODS.map((p) => (
          <Text
            key={p.value}
            id={`${id}-${p.value}`}
            className={`v-chip${b.period === p.value ? ' v-chip--on' : ''}`}
            onClick={() => b.setPeriod(p.value)}
          >
            {p.label}
          </Text>
        ))}
      </View>
      <Notice message={b.board.error} id={`${id}-error`} />
      {b.board.loading ? <SkeletonCards id={`${id}-loading`} count={2} /> : null}
      {!b.board.loading && !b.board.error && rows.length === 0 ? (
        <EmptyState title="暂无排行" description={`${d?.label ?? ''} 还没有已确认的服务时长`} />
      ) : null}
      <View className="card" id={`${id}-rows`}>
        {rows.map((r) => (
          <View key={r.userId} className="row" id={`${id}-rank-${r.rank}`}>
            <Text className="row__label">
              第 {r.rank} 名 · {r.displayName}
            </Text>
            <Text>{r.confirmedHours} 小时</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
