import { useState } from 'react';
import { ZStatsQuery } from '@shared/schemas/volunteering/stats';
import { useStats } from './useStats';

/**
 * A team admin's statistics: the month range is checked with the server's own schema before
 * asking (every field's message at once), then the team's stats by month load with it.
 */
export function useTeamStats(teamId: string, enabled: boolean) {
  const s = useStats(enabled && !!teamId, teamId);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const apply = (): void => {
    const parsed = ZStatsQuery.safeParse({ from: from || undefined, to: to || undefined, by: 'month' });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'from'), i.message])));
      return;
    }
    setErrors({});
    s.setQuery(parsed.data);
  };
  return { ...s, from, to, setFrom, setTo, errors, apply };
}
