import { useCallback, useState } from 'react';
import { useAsync } from '../useAsync';
import { statsApi, type TStatsQueryLite } from '../../services/stats';
import { downloadAuthed } from './download';
import { useAction } from './useAction';

/** Volunteering statistics for the district (or one team with `teamId`), by month or by team; CSV export. */
export function useStats(enabled: boolean, teamId?: string) {
  const [query, setQuery] = useState<TStatsQueryLite>({ by: 'month' });
  const stats = useAsync(
    () => (teamId ? statsApi.teamStats(teamId, query) : statsApi.districtStats(query)),
    [teamId, query.from, query.to, query.by],
    enabled,
  );
  const action = useAction();
  const exportCsv = useCallback(
    () =>
      action.run('csv', () => {
        const url = teamId
          ? statsApi.teamStatsCsvUrl(teamId, query)
          : statsApi.districtStatsCsvUrl(query);
        return downloadAuthed(url, `志愿服务统计-${query.from ?? ''}${query.to ? `-${query.to}` : ''}.csv`, 'csv');
      }),
    [action, teamId, query],
  );
  return { query, setQuery, stats, action, exportCsv };
}
