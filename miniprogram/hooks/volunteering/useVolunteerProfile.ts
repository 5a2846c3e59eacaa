import { useCallback, useEffect, useState } from 'react';
import { useAsync } from '../useAsync';
import { volunteeringApi } from '../../services/volunteering';
import { useAction } from './useAction';
import { availabilityOf, draftOf, splitTags, type TProfileDraft } from './profile-draft';

export { WEEKDAY_LABELS } from './profile-draft';

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
