import type { TBoardDto, TBoardQuery } from '@shared/schemas/volunteering/stats';
import { teamBrief } from '../../org';
import { displayNames } from '../../users';
import { leaderboard, presentLeaderboardRow, shanghaiMonth, type LeaderboardRow } from '../hours';
import { DISTRICT_SCOPE, RollupBoard, boardKey } from './rollups/model';

/**
 * Top volunteers by confirmed minutes in this Shanghai month or year (the rollups' board
 * documents, read in index order: scope, period, minutes desc) or of all time (the maintained
 * totals), district-wide or within one team. Names are masked by the presenter.
 */
export async function periodLeaderboard(query: TBoardQuery, now: Date): Promise<TBoardDto | null> {
  const team = query.teamId ? await teamBrief(query.teamId) : null;
  if (query.teamId && !team) return null;
  const month = shanghaiMonth(now);
  let rows: LeaderboardRow[];
  let label: string;
  if (query.period === 'all') {
    rows = await leaderboard({ teamId: query.teamId, limit: query.limit });
    label = '累计';
  } else {
    const period = query.period === 'month' ? month : month.slice(0, 4);
    label = query.period === 'month' ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : `${period}年`;
    const top = await RollupBoard.find(
      { board: boardKey(query.teamId ?? DISTRICT_SCOPE, period), minutes: { $gt: 0 } },
      { user: 1, minutes: 1 },
    )
      .sort({ minutes: -1, user: 1 })
      .limit(query.limit)
      .lean();
    const names = await displayNames(top.map((r) => r.user));
    rows = top.map((r) => ({ user: r.user, confirmedMinutes: r.minutes, displayName: names.get(String(r.user)) ?? '' }));
  }
  return {
    period: query.period,
    label,
    scope: team
      ? { type: 'team', teamId: String(team._id), name: team.name }
      : { type: 'district', teamId: null, name: '全区' },
    items: rows.map(presentLeaderboardRow),
  };
}
