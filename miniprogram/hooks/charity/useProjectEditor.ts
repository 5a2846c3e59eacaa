import { useState } from 'react';
import { ZProjectInput, fenToYuan } from '@shared/schemas/donations';
import { donationsApi, yuanToFen, type TImageUpload, type TProject } from '../../services/donations';
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

/** The project's cover as an upload value (its id is in the image URL), so saving keeps it. */
const coverOf = (p: TProject): TImageUpload[] => {
  const id = p.coverUrl ? /\/images\/([0-9a-f]{24})/.exec(p.coverUrl)?.[1] : undefined;
  return id && p.coverUrl ? [{ id, url: p.coverUrl, bytes: 0 }] : [];
};

/** The Shanghai calendar date of an ISO instant (YYYY-MM-DD). */
const shanghaiDate = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A project draft, checked with the shared schema at once (per field), then created — or, after
 * `edit(project)` (a draft, or one sent back by review), saved over that project.
 */
export function useProjectEditor(onSaved: () => void) {
  const [draft, setDraft] = useState<TProjectDraft>(EMPTY);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TProjectDraft>(k: K, v: TProjectDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const edit = (p: TProject | null) => {
    setErrors({});
    setFormError(null);
    setEditingId(p?.id ?? null);
    setDraft(
      p
        ? { charityId: p.charity.id, title: p.title, story: p.story, cover: coverOf(p), goalYuan: fenToYuan(p.goalFen), startDate: shanghaiDate(p.startAt), endDate: shanghaiDate(p.endAt) }
        : EMPTY,
    );
  };

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
      if (editingId) await donationsApi.updateProject(editingId, input);
      else await donationsApi.createProject(input);
      setDraft(EMPTY);
      setEditingId(null);
      onSaved();
    } catch (e) {
      const f = formErrorsFrom(e);
      setErrors(f.fields);
      setFormError(f.form);
    } finally {
      setBusy(false);
    }
  };
  return { draft, set, edit, editingId, errors, formError, busy, submit };
}
