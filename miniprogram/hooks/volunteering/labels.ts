/** Display helpers for volunteering pages (no React here; pure and shared by every volunteering page). */
import { ACTIVITY_CATEGORY_LABELS, type TActivityCategory } from '@shared/schemas/volunteering/constants';
import type { TSignupStatus } from '@shared/schemas/volunteering/signups';
import { formatTime } from '../../services/format';

export const SIGNUP_STATUS_LABELS: Record<TSignupStatus, string> = {
  pending_approval: '待审核',
  confirmed: '已报名',
  waitlisted: '候补中',
  offered: '候补转正待确认',
  cancelled: '已取消',
  late_cancelled: '逾期取消',
  no_show: '未到场',
  rejected: '未通过',
  offer_expired: '候补名额已过期',
  activity_cancelled: '活动已取消',
};

export const HOURS_STATUS_LABELS: Record<string, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已驳回',
};
export const HOURS_SOURCE_LABELS: Record<string, string> = {
  checkin: '签到',
  self_report: '自行申报',
  adjustment: '调整',
};

export const categoryLabel = (c: string): string => ACTIVITY_CATEGORY_LABELS[c as TActivityCategory] ?? c;

/** "2026-11-23 09:00–11:00" in Asia/Shanghai; the end shows its date only when it differs. */
export function formatRange(startIso: string, endIso: string): string {
  const s = formatTime(startIso);
  const e = formatTime(endIso);
  if (!s || !e) return s || e;
  return s.slice(0, 10) === e.slice(0, 10) ? `${s}–${e.slice(11)}` : `${s} – ${e}`;
}

export function formatDistance(m: number | undefined): string {
  if (m === undefined || m === null || Number.isNaN(m)) return '';
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

export function formatMinutes(min: number): string {
  const h = Math.floor(Math.abs(min) / 60);
  const m = Math.abs(min) % 60;
  const sign = min < 0 ? '-' : '';
  if (h === 0) return `${sign}${m} 分钟`;
  return m === 0 ? `${sign}${h} 小时` : `${sign}${h} 小时 ${m} 分钟`;
}

/**
 * Asia/Shanghai wall-clock "YYYY-MM-DD" + "HH:MM" → UTC ISO string (UTC+8, no DST).
 * Returns null when either part is malformed.
 */
export function shanghaiToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const ms = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1] - 8, +t[2]);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** UTC ISO → Asia/Shanghai { date, time } for form fields. */
export function isoToShanghai(iso: string): { date: string; time: string } {
  const f = formatTime(iso);
  return { date: f.slice(0, 10), time: f.slice(11, 16) };
}

/** Team ids the user administers, from their team_admin role grants. */
export function adminTeamIds(roles: { role: string; scopeId?: string }[] | undefined): string[] {
  return (roles ?? []).filter((r) => r.role === 'team_admin' && r.scopeId).map((r) => r.scopeId as string);
}

/** "急救、驾驶, 摄影" → ["急救", "驾驶", "摄影"]. */
export const splitTagsLoose = (s: string): string[] =>
  s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
