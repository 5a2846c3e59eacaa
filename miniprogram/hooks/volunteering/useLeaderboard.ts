import { useState } from 'react';
import { statsApi, type TBoardPeriod } from '../../services/stats';
import { useAsync } from '../useAsync';

/** The volunteer leaderboard of this month, this year or all time, district-wide or one team's. */
export function useLeaderboard(teamId?: string, enabled = true) {
  const [period, setPeriod] = useState<TBoardPeriod>('month');
  const board = useAsync(() => statsApi.leaderboard({ teamId, period, limit: 50 }), [teamId, period], enabled);
  return { period, setPeriod, board };
}
