import { useCallback, useEffect, useState } from 'react';
import type { TAvailabilitySlot, TVolunteerDto } from '@shared/schemas/volunteering/volunteers';
import { ApiError } from '../../services/request';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';

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

const draftOf = (v: TVolunteerDto | null): TProfileDraft => ({
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

/** Volunteer registration (real name required by the server) and profile editing, no-show appeals. */
export function useVolunteerProfile(enabled: boolean) {
  const me = useAsync(() => volunteeringApi.myVolunteer(), [], enabled);
  const volunteer = me.data?.volunteer ?? null;
  const [draft, setDraft] = useState<TProfileDraft>(draftOf(null));
  const action = useAction();
  const { setData } = me;

  useEffect(() => setDraft(draftOf(volunteer)), [volunteer]);

  const setField = useCallback(
    (k: 'skills' | 'serviceAreas' | 'intro' | 'from' | 'to', v: string) => setDraft((d) => ({ ...d, [k]: v })),
    [],
  );
  const toggleDay = useCallback(
    (day: number) =>
      setDraft((d) => ({
        ...d,
        days: d.days.includes(day) ? d.days.filter((x) => x !== day) : [...d.days, day].sort(),
      })),
    [],
  );

  const save = useCallback(
    () =>
      action.run('save', async () => {
        const body = {
          skills: splitTags(draft.skills),
          serviceAreas: splitTags(draft.serviceAreas),
          intro: draft.intro.trim(),
          availability: availabilityOf(draft),
        };
        const r = volunteer
          ? await volunteeringApi.updateVolunteer(body)
          : await volunteeringApi.registerVolunteer(body);
        setData({ volunteer: r.volunteer });
        return volunteer ? '已保存' : `注册成功，志愿者编号 ${r.volunteer.volunteerNo}`;
      }),
    [action, draft, volunteer, setData],
  );

  const appeal = useCallback(
    (eventId: string, reason: string) =>
      action.run(`appeal-${eventId}`, async () => {
        const r = await volunteeringApi.appealNoShow(eventId, reason);
        setData({ volunteer: r.volunteer });
        return '申诉已提交，等待团队处理';
      }),
    [action, setData],
  );

  return { me, volunteer, draft, setField, toggleDay, save, appeal, action };
}
