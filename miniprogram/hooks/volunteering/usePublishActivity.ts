import { useCallback, useEffect, useState } from 'react';
import {
  ZActivityCreateInput,
  ZActivityUpdateInput,
  type TActivityDetailDto,
} from '@shared/schemas/volunteering/activities';
import { formErrorsFrom, zodFieldErrors } from '../../services/form-errors';
import { volunteeringApi } from '../../services/volunteering';
import { newIdempotencyKey } from '../../services/request';
import { takeHelpDraft } from './help-draft';
import {
  blankShift,
  emptyActivity,
  buildActivityInput,
  buildActivityPatch,
  draftFromActivity,
  draftFromHelp,
  type TActivityDraft,
  type TShiftDraft,
} from './activity-form';

export type { TActivityDraft, TShiftDraft } from './activity-form';

const CHECK_FIELDS = '请检查标红的项目后再提交';

/** Publish a new activity, or edit one (`activityId`): capacities and added shifts go as a PATCH. */
export function usePublishActivity(teamId: string, activityId?: string, helpId?: string) {
  const [draft, setDraft] = useState<TActivityDraft>(emptyActivity);
  const [original, setOriginal] = useState<TActivityDetailDto | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [saved, setSaved] = useState<TActivityDetailDto | null>(null);

  // Taking up a help request: start from its draft; after publishing, link the two.
  useEffect(() => {
    const h = helpId ? takeHelpDraft(helpId) : null;
    if (h) setDraft((d) => draftFromHelp(d, h));
  }, [helpId]);

  useEffect(() => {
    if (!activityId) return;
    volunteeringApi
      .activity(activityId)
      .then((r) => {
        setOriginal(r.activity);
        setDraft(draftFromActivity(r.activity));
      })
      .catch((e) => setFormError(formErrorsFrom(e).form));
  }, [activityId]);

  const set = useCallback(
    <K extends keyof TActivityDraft>(k: K, v: TActivityDraft[K]) => setDraft((d) => ({ ...d, [k]: v })),
    [],
  );
  const setShift = useCallback(
    <K extends keyof TShiftDraft>(i: number, k: K, v: TShiftDraft[K]) =>
      setDraft((d) => ({ ...d, shifts: d.shifts.map((s, j) => (j === i ? { ...s, [k]: v } : s)) })),
    [],
  );
  const addShift = useCallback(
    () => setDraft((d) => ({ ...d, shifts: [...d.shifts, { ...blankShift(), date: d.shifts[0]?.date ?? '' }] })),
    [],
  );
  const removeShift = useCallback(
    (i: number) => setDraft((d) => ({ ...d, shifts: d.shifts.filter((s, j) => j !== i || !!s.shiftId) })),
    [],
  );

  const submit = useCallback(async () => {
    if (submitting) return;
    setFormError(null);
    const { body, errors: local } = buildActivityInput(teamId, draft);
    // Every problem at once: the shared schema's field messages plus the form's own (dates).
    const parsed = original ? null : ZActivityCreateInput.safeParse(body);
    const schemaErrors = parsed && !parsed.success ? zodFieldErrors(parsed.error) : {};
    if (Object.keys(local).length || Object.keys(schemaErrors).length) {
      setErrors({ ...schemaErrors, ...local });
      setFormError(CHECK_FIELDS);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      if (!original) {
        const published = (await volunteeringApi.publishActivity(parsed!.data as never, newIdempotencyKey())).activity;
        if (helpId) {
          try {
            await volunteeringApi.convertHelpRequest(helpId, published.id);
          } catch (e) {
            setFormError(`活动已发布，但关联求助失败：${formErrorsFrom(e).form ?? ''}`);
          }
        }
        setSaved(published);
      } else {
        const patch = ZActivityUpdateInput.safeParse(buildActivityPatch(original, draft, body));
        if (!patch.success) {
          const fields = zodFieldErrors(patch.error);
          setErrors(fields);
          // An issue about the whole body (no field to mark) is shown as it is.
          setFormError(fields._ ?? CHECK_FIELDS);
          return;
        }
        setSaved((await volunteeringApi.updateActivity(original.id, patch.data)).activity);
      }
    } catch (e) {
      const m = formErrorsFrom(e);
      setErrors(m.fields);
      setFormError(m.form);
    } finally {
      setSubmitting(false);
    }
  }, [submitting, teamId, draft, original, helpId]);

  return {
    draft,
    set,
    setShift,
    addShift,
    removeShift,
    errors,
    formError,
    submitting,
    submit,
    saved,
    editing: !!activityId,
  };
}
