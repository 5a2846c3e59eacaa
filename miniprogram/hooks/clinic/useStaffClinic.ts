import { useState } from 'react';
import { ZRecordInput, type TConsultOutcome } from '@shared/schemas/clinic/bookings';
import { ZSessionInput } from '@shared/schemas/clinic/mediation';
import { ZAddProvider, ZScheduleInput, type TScheduleInput } from '@shared/schemas/clinic/providers';
import { clinicApi, type TMediator, type TProviderCandidate } from '../../services/clinic';
import { zodFieldErrors } from '../../services/form-errors';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { useSession } from '../useSession';
import { todayShanghai } from '../volunteering/activity-form';

/** Runs one action at a time, keeping its error for the page and reloading after it. */
export function useAction(after: () => Promise<void>) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (key: string, fn: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await fn();
      await after();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}

/** The lawyer's or student's agenda (a day or a week), their supervisor's sign-off queue. */
export function useAgenda() {
  const [from, setFrom] = useState(todayShanghai());
  const [days, setDays] = useState(7);
  const agenda = useAsync(() => clinicApi.agenda(from, days), [from, days]);
  const signOffs = useAsync(() => clinicApi.signOffs().catch(() => ({ items: [] })));
  const action = useAction(async () => {
    await Promise.all([agenda.reload(), signOffs.reload()]);
  });
  return { from, setFrom, days, setDays, agenda, signOffs, action };
}

export function useRecordForm(bookingId: string, done: () => Promise<void>) {
  return useForm(ZRecordInput, { notes: '', summary: '', outcome: 'answered' as TConsultOutcome }, async (v) => {
    await clinicApi.record(bookingId, v);
    await done();
  });
}

/** The clinic the signed-in coordinator runs (their clinic-scoped grant). */
export function useCoordinatorClinic(): string | null {
  const { user } = useSession();
  return user?.roles.find((r) => r.role === 'clinic_coordinator')?.scopeId ?? null;
}

/** Providers, one provider's availability editor, the week's bookings. */
export function useCoordinator(clinicId: string | null) {
  const providers = useAsync(() => clinicApi.providers(clinicId!), [clinicId], !!clinicId);
  const bookings = useAsync(() => clinicApi.clinicBookings(clinicId!, todayShanghai(), 14), [clinicId], !!clinicId);
  const clinic = useAsync(() => clinicApi.clinic(clinicId!), [clinicId], !!clinicId);
  const [saved, setSaved] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<TScheduleInput | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const action = useAction(async () => {
    await Promise.all([providers.reload(), bookings.reload()]);
  });
  const edit = async (providerId: string) => {
    // The DTO names its provider; the input (a strict object) must not carry it back.
    const { schedule } = await clinicApi.schedule(providerId);
    const { providerId: _provider, ...input } = schedule;
    setEditing(providerId);
    setFieldErrors({});
    setDraft({
      ...input,
      rules: schedule.rules.map((r) => ({
        weekday: r.weekday,
        start: r.start,
        end: r.end,
        ...(r.validFrom ? { validFrom: r.validFrom } : {}),
        ...(r.validTo ? { validTo: r.validTo } : {}),
      })),
      exceptions: schedule.exceptions.map((x) => ({
        date: x.date,
        kind: x.kind,
        ...(x.start ? { start: x.start } : {}),
        ...(x.end ? { end: x.end } : {}),
      })),
    });
  };
  const save = () =>
    action.run('save', async () => {
      setFieldErrors({});
      setSaved(null);
      // The same schema as the server: every bad field shows at once, before a round trip.
      const parsed = ZScheduleInput.safeParse(draft);
      if (!parsed.success) {
        setFieldErrors(zodFieldErrors(parsed.error));
        throw new Error('请按提示修改排班');
      }
      try {
        await clinicApi.saveSchedule(editing!, draft!);
        setSaved('排班已保存');
      } catch (e) {
        const fields = (e as { fields?: { path: string; message: string }[] }).fields ?? [];
        setFieldErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
        throw e;
      }
    });
  /** Per clinic, bookings auto-confirm or wait for the lawyer (the coordinator switches it). */
  const setAutoConfirm = (autoConfirm: boolean) =>
    action.run('auto-confirm', async () => {
      await clinicApi.updateClinic(clinicId!, { autoConfirm });
      await clinic.reload();
    });
  return { providers, bookings, clinic, setAutoConfirm, editing, draft, setDraft, edit, save, saved, fieldErrors, action };
}

/** The add-provider form: candidates (accounts with a role here), the lawyer's licence number. */
export function useAddProvider(clinicId: string, onAdded: () => Promise<void>) {
  const candidates = useAsync(() => clinicApi.providerCandidates(clinicId), [clinicId], !!clinicId);
  const [added, setAdded] = useState<string | null>(null);
  // The licence rule is the server's too (licence_required); here it shows before sending.
  const schema = ZAddProvider.refine((v) => v.kind !== 'lawyer' || !!v.licenceNo, {
    message: '请填写律师执业证号',
    path: ['licenceNo'],
  });
  const form = useForm(schema, { userId: '', kind: 'lawyer', licenceNo: '', intro: '' }, async (v) => {
    const r = await clinicApi.addProvider(clinicId, {
      userId: v.userId,
      kind: v.kind,
      ...(v.kind === 'lawyer' ? { licenceNo: v.licenceNo } : {}),
      ...(v.intro ? { intro: v.intro } : {}),
    });
    setAdded(`已添加 ${r.provider.displayName}${r.provider.kind === 'lawyer' ? '，请核验执业证后开放预约' : ''}`);
    form.reset();
    await Promise.all([candidates.reload(), onAdded()]);
  });
  const choose = (c: TProviderCandidate | undefined) => {
    if (!c) return;
    setAdded(null);
    form.setField('userId', c.userId);
    form.setField('kind', c.kind);
  };
  return { candidates, form, choose, added };
}

/** A Beijing-time date and time picked on the page → the instant the API stores (UTC). */
export const beijingIso = (day: string, time: string) => (day && time ? `${day}T${time}:00+08:00` : '');

/** One open mediation case: assign a mediator, schedule a session (parties with accounts are notified). */
export function useCaseManage(caseId: string, mediators: TMediator[], after: () => Promise<void>) {
  const action = useAction(after);
  const [day, setDay] = useState(todayShanghai());
  const [time, setTime] = useState('');
  const session = useForm(ZSessionInput, { at: '', place: '', note: '' }, async (v) => {
    await clinicApi.addSession(caseId, {
      at: v.at.toISOString(),
      place: v.place,
      ...(v.note ? { note: v.note } : {}),
    });
    session.reset();
    setTime('');
    await after();
  });
  const pickDay = (d: string) => {
    setDay(d);
    session.setField('at', beijingIso(d, time));
  };
  const pickTime = (t: string) => {
    setTime(t);
    session.setField('at', beijingIso(day, t));
  };
  const assign = (index: number) => {
    const m = mediators[index];
    if (m) void action.run(`assign-${caseId}`, () => clinicApi.assignMediator(caseId, m.id));
  };
  return { action, day, time, pickDay, pickTime, session, assign };
}
