import { useCallback, useMemo, useState } from 'react';
import { useAsync } from '../useAsync';
import { downloadAuthed } from '../volunteering/download';
import { useAction } from '../volunteering/useAction';
import { reportsApi } from '../../services/reports';

export const STATS_GROUPS = [
  { key: 'category', label: '按类别' },
  { key: 'grid', label: '按网格' },
  { key: 'department', label: '按部门（考核表）' },
  { key: 'day', label: '按日' },
  { key: 'month', label: '按月' },
] as const;
export type TStatsGroup = (typeof STATS_GROUPS)[number]['key'];

const DAY = 86_400_000;
/** Today in Asia/Shanghai, as YYYY-MM-DD, `offset` days away. */
export const shanghaiDate = (offset = 0): string => new Date(Date.now() + 8 * 3600_000 + offset * DAY).toISOString().slice(0, 10);
/** A Shanghai calendar day's start (or the next day's start, for an inclusive end) as UTC ISO. */
const dayStart = (date: string, nextDay = false): string => new Date(Date.parse(`${date}T00:00:00+08:00`) + (nextDay ? DAY : 0)).toISOString();

/**
 * 工单统计: a period of Shanghai days (both ends included), a grouping, the figures, and the CSV of
 * the same query downloaded with the session's token (a bare link would carry none and get 401).
 */
export function useReportStats() {
  const [by, setBy] = useState<TStatsGroup>('category');
  const [fromDate, setFromDate] = useState(() => shanghaiDate(-29));
  const [toDate, setToDate] = useState(() => shanghaiDate());
  const rangeError = fromDate > toDate ? '开始日期不能晚于结束日期' : null;
  const query = useMemo(() => ({ from: dayStart(fromDate), to: dayStart(toDate, true), by }), [by, fromDate, toDate]);
  const stats = useAsync(() => reportsApi.stats(query), [query], !rangeError);
  const action = useAction();
  const exportCsv = useCallback(
    () => action.run('csv', () => downloadAuthed(reportsApi.statsCsvUrl(query), `工单统计_${fromDate}_${toDate}_${by}.csv`, 'csv')),
    [action, by, fromDate, query, toDate],
  );
  return { by, setBy, fromDate, setFromDate, toDate, setToDate, rangeError, stats, action, exportCsv };
}
