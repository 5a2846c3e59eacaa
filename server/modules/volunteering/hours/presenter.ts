import type { THoursEntryDto, THoursTotalsDto, TLeaderboardRowDto } from '@shared/schemas/volunteering/hours';
import { formatHours } from './compute';
import type { HoursEntryDoc } from './model';
import type { LeaderboardRow, TotalsView } from './queries';

const idOrNull = (v: unknown): string | null => (v ? String(v) : null);

export function presentHoursEntry(e: HoursEntryDoc, volunteerName = ''): THoursEntryDto {
  return {
    id: String(e._id),
    userId: String(e.user),
    volunteerName,
    teamId: String(e.team),
    activityId: idOrNull(e.activity),
    activityTitle: e.activityTitle,
    shiftId: idOrNull(e.shift),
    signupId: idOrNull(e.signup),
    serviceDate: e.serviceDate.toISOString(),
    minutes: e.minutes,
    source: e.source,
    status: e.status,
    autoCheckedOut: e.autoCheckedOut,
    correctsEntryId: idOrNull(e.corrects),
    reason: e.reason,
    note: e.note,
    confirmedBy: idOrNull(e.confirmedBy),
    confirmedAt: e.confirmedAt ? e.confirmedAt.toISOString() : null,
    createdAt: e.createdAt.toISOString(),
  };
}

export const presentTotals = (t: TotalsView): THoursTotalsDto => ({
  confirmedMinutes: t.confirmedMinutes,
  pendingMinutes: t.pendingMinutes,
  confirmedHours: formatHours(t.confirmedMinutes),
});

/** Leaderboards are public inside the app: display name only, shortened so it is not a full real name. */
export function maskDisplayName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '志愿者';
  if (chars.length === 1) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export const presentLeaderboardRow = (r: LeaderboardRow, i: number): TLeaderboardRowDto => ({
  rank: i + 1,
  userId: String(r.user),
  displayName: maskDisplayName(r.displayName),
  confirmedMinutes: r.confirmedMinutes,
  confirmedHours: formatHours(r.confirmedMinutes),
});
