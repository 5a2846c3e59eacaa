/** The volunteer profile form: text fields ↔ API body (pure, unit-tested). */
import type { TAvailabilitySlot, TVolunteerDto } from '@shared/schemas/volunteering/volunteers';
import { ApiError } from '../../services/request';

export const splitTags = (s: string): string[] =>
  s
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export interface TProfileDraft {
  skills: string;
  serviceAreas: string;
  intro: string;
  /** Weekdays (0 = Sunday, Beijing time) with one time window for all of them; none = any time. */
  days: number[];
  from: string;
  to: string;
}

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const draftOf = (v: TVolunteerDto | null): TProfileDraft => ({
  skills: v?.skills.join('、') ?? '',
  serviceAreas: v?.serviceAreas.join('、') ?? '',
  intro: v?.intro ?? '',
  days: [...new Set((v?.availability ?? []).map((a) => a.weekday))].sort(),
  from: v?.availability[0]?.from ?? '',
  to: v?.availability[0]?.to ?? '',
});

/** The weekly windows the API stores; an empty list means "any time". */
export function availabilityOf(d: Pick<TProfileDraft, 'days' | 'from' | 'to'>): TAvailabilitySlot[] {
  if (!d.days.length) return [];
  if (!/^\d{2}:\d{2}$/.test(d.from) || !/^\d{2}:\d{2}$/.test(d.to)) {
    throw new ApiError(400, 'validation_failed', '请填写可服务的开始和结束时间（HH:MM）');
  }
  if (d.from >= d.to) throw new ApiError(400, 'validation_failed', '可服务时间的结束必须晚于开始');
  return d.days.map((weekday) => ({ weekday, from: d.from, to: d.to }));
}
