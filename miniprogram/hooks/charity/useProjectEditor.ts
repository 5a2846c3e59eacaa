import { useState } from 'react';
import { ZProjectInput } from '@shared/schemas/donations';
import { donationsApi, yuanToFen, type TImageUpload } from '../../services/donations';
import { formErrorsFrom } from '../../services/form-errors';

export interface TProjectDraft {
  charityId: string;
  title: string;
  story: string;
  cover: TImageUpload[];
  goalYuan: string;
  startDate: string;
  endDate: string;
}

const EMPTY: TProjectDraft = { charityId: '', title: '', story: '', cover: [], goalYuan: '', startDate: '', endDate: '' };
/** A Shanghai date's start (or end) as an ISO instant. */
const shanghaiIso = (date: string, end: boolean): string => new Date(`${date}T${end ? '23:59:59' : '00:00:00'}+08:00`).toISOString();

/** A new project as a draft, checked with the shared schema at once (per field), then created. */
export function useProjectEditor(onCreated: () => void) {
  const [draft, setDraft] = useState<TProjectDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TProjectDraft>(k: K, v: TProjectDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async () => {
    setFormError(null);
    const goalFen = yuanToFen(draft.goalYuan);
    const input = {
      charityId: draft.charityId,
      title: draft.title,
      story: draft.story,
      coverId: draft.cover[0]?.id,
      goalFen: goalFen ?? Number.NaN,
      startAt: draft.startDate ? shanghaiIso(draft.startDate, false) : '',
      endAt: draft.endDate ? shanghaiIso(draft.endDate, true) : '',
    };
    const parsed = ZProjectInput.safeParse(input);
    if (!parsed.success) {
      const local: Record<string, string> = {};
      for (const issue of parsed.error.issues) local[String(issue.path[0] ?? '')] ??= issue.message;
      if (!draft.charityId) local.charityId = '请选择公益机构';
      if (goalFen === null) local.goalFen = '请输入正确的目标金额（元）';
      if (!draft.startDate) local.startAt = '请选择开始日期';
      if (!draft.endDate) local.endAt = '请选择结束日期';
      return setErrors(local);
    }
    setErrors({});
    setBusy(true);
    try {
      await donationsApi.createProject(input);
      setDraft(EMPTY);
      onCreated();
    } catch (e) {
      const f = formErrorsFrom(e);
      setErrors(f.fields);
      setFormError(f.form);
    } finally {
      setBusy(false);
    }
  };
  return { draft, set, errors, formError, busy, submit };
}
