import { useState } from 'react';
import { ZRecordInput, type TConsultOutcome } from '@shared/schemas/clinic/bookings';
import type { TScheduleInput } from '@shared/schemas/clinic/providers';
import { clinicApi } from '../../services/clinic';
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

export const blankRule = () => ({ weekday: 1, start: '09:00', end: '12:00' });

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
