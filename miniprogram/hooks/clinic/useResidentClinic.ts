import { useCallback, useState } from 'react';
import { ZBookInput } from '@shared/schemas/clinic/bookings';
import type { TClinicTopic, TConsultMode } from '@shared/schemas/clinic/clinics';
import { clinicApi } from '../../services/clinic';
import { chooseImageFile } from '../../services/media';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { currentPosition } from '../volunteering/location';
import { todayShanghai } from '../volunteering/activity-form';

/** Clinics nearest first when the device gives a position; otherwise by name (the list never depends on a map). */
export function useClinicList() {
  return useAsync(async () => {
    const at = await currentPosition(5000).catch(() => null);
    return clinicApi.clinics(at ? { lng: at.lng, lat: at.lat } : {});
  });
}

export interface TSlotChoice {
  providerId: string;
  startsAt: string;
}

/** The booking page: the clinic, two weeks of slots (re-asked when the opposing party changes), the form. */
export function useBookForm(clinicId: string, onBooked: (bookingId: string) => void) {
  const clinic = useAsync(() => clinicApi.clinic(clinicId), [clinicId], !!clinicId);
  const [from, setFrom] = useState(todayShanghai());
  const [opposing, setOpposing] = useState({ name: '', phone: '' });
  const slots = useAsync(
    () =>
      clinicApi.slots(clinicId, {
        from,
        days: 14,
        opposingName: opposing.name || undefined,
        opposingPhone: opposing.phone || undefined,
      }),
    [clinicId, from, opposing.name, opposing.phone],
    !!clinicId,
  );
  const [attachments, setAttachments] = useState<{ id: string; name: string }[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const form = useForm(
    ZBookInput,
    {
      providerId: '',
      startsAt: '',
      topic: 'labour' as TClinicTopic,
      mode: 'in_person' as TConsultMode,
      description: '',
      client: { name: '', phone: '' },
      opposingParty: undefined,
      attachmentIds: [],
      consent: false as unknown as true,
    },
    async (v) => {
      const r = await clinicApi.book(clinicId, { ...v, startsAt: v.startsAt.toISOString() });
      onBooked(r.booking.id);
    },
  );
  const pickSlot = useCallback(
    (s: TSlotChoice) => {
      form.setField('providerId', s.providerId);
      form.setField('startsAt', s.startsAt);
    },
    [form],
  );
  const setOpposingName = (name: string) => {
    setOpposing((o) => ({ ...o, name }));
    form.setField('opposingParty', name ? { name } : undefined);
  };
  const addImage = async () => {
    setUploadError(null);
    try {
      const file = await chooseImageFile();
      if (!file) return;
      const r = await clinicApi.uploadAttachment(file);
      const next = [...attachments, { id: r.attachment.id, name: r.attachment.name }];
      setAttachments(next);
      form.setField(
        'attachmentIds',
        next.map((a) => a.id),
      );
    } catch (e) {
      setUploadError((e as Error).message);
    }
  };
  return {
    clinic,
    slots,
    from,
    setFrom,
    opposing,
    setOpposingName,
    form,
    pickSlot,
    attachments,
    addImage,
    uploadError,
  };
}

/** My bookings, with cancel (a reason inside the notice window), reschedule, accept offer and rating. */
export function useMyBookings() {
  const list = useAsync(() => clinicApi.myBookings());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (bookingId: string, action: string, body: object = {}) => {
    setBusy(`${action}-${bookingId}`);
    setError(null);
    try {
      await clinicApi.act(bookingId, action, body);
      await list.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return { list, busy, error, act };
}
