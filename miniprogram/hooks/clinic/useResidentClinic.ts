import { useCallback, useState } from 'react';
import { z } from 'zod';
import { ZBookInput, ZRescheduleInput, ZWaitlistInput, type TBookInput } from '@shared/schemas/clinic/bookings';
import type { TClinicTopic, TConsultMode } from '@shared/schemas/clinic/clinics';
import { clinicApi, SLOT_WEEK_DAYS, type TBookingView } from '../../services/clinic';
import { choosePdfFile, uploadClinicAttachment } from '../../services/clinic-files';
import { chooseImageFile, type TChosenImage } from '../../services/media';
import { useAsync } from '../useAsync';
import { useForm } from '../useForm';
import { useAction } from './useStaffClinic';
import { currentPosition } from '../volunteering/location';
import { todayShanghai } from '../volunteering/activity-form';

/** Clinics nearest first when the device gives a position; otherwise by name (the list never depends on a map). */
export function useClinicList() {
  const [view, setView] = useState<'list' | 'map'>('list');
  const list = useAsync(async () => {
    const at = await currentPosition(5000).catch(() => null);
    return { at, ...(await clinicApi.clinics(at ? { lng: at.lng, lat: at.lat } : {})) };
  });
  return { ...list, view, setView };
}

/** The waitlist's details are the booking's, less the slot and the files (those come with an offer). */
const ZWaitlistForm = z.looseObject(ZWaitlistInput.omit({ clinicId: true, day: true }).shape);

/** Images (camera or album) and PDFs uploaded before booking; the form keeps their ids. */
export function useAttachments(onChange: (ids: string[]) => void) {
  const [items, setItems] = useState<{ id: string; name: string; kind: 'image' | 'pdf' }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (pick: () => Promise<{ file: TChosenImage; name: string } | null>) => {
    setError(null);
    if (items.length >= MAX_ATTACHMENTS) return setError(`附件最多 ${MAX_ATTACHMENTS} 个`);
    try {
      const chosen = await pick();
      if (!chosen) return;
      setBusy(true);
      const r = await uploadClinicAttachment(chosen.file, chosen.name);
      const next = [...items, r.attachment];
      setItems(next);
      onChange(next.map((a) => a.id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const remove = (attachmentId: string) => {
    const next = items.filter((a) => a.id !== attachmentId);
    setItems(next);
    onChange(next.map((a) => a.id));
  };
  return {
    items,
    error,
    busy,
    remove,
    addImage: () =>
      add(async () => {
        const f = await chooseImageFile();
        return f ? { file: f, name: f.path.split('/').pop() || '图片' } : null;
      }),
    addPdf: () =>
      add(async () => {
        const f = await choosePdfFile();
        return f ? { file: f, name: f.name } : null;
      }),
  };
}

export interface TSlotChoice {
  providerId: string;
  startsAt: string;
}

// The schema's own limit (zod keeps an array's max in its bag), so the picker stops where the server would.
const MAX_ATTACHMENTS = (ZBookInput.shape.attachmentIds.unwrap()._zod.bag as { maximum?: number }).maximum ?? 5;

/** The booking page: the clinic, two weeks of slots (re-asked when the opposing party changes), the form. */
export function useBookForm(clinicId: string, onBooked: (bookingId: string) => void) {
  const clinic = useAsync(() => clinicApi.clinic(clinicId), [clinicId], !!clinicId);
  const [from, setFrom] = useState(todayShanghai());
  const [opposing, setOpposing] = useState({ name: '', phone: '' });
  const slots = useAsync(
    () =>
      clinicApi.slots(clinicId, {
        from,
        days: SLOT_WEEK_DAYS,
        opposingName: opposing.name || undefined,
        opposingPhone: opposing.phone || undefined,
      }),
    [clinicId, from, opposing.name, opposing.phone],
    !!clinicId,
  );
  const [waitDay, setWaitDay] = useState<string | null>(null);
  const [waitlisted, setWaitlisted] = useState<string | null>(null);
  const initial = {
    providerId: '',
    startsAt: '',
    topic: 'labour' as TClinicTopic,
    mode: 'in_person' as TConsultMode,
    description: '',
    client: { name: '', phone: '' },
    opposingParty: undefined,
    attachmentIds: [],
    consent: false as unknown as true,
  };
  // A full day picked: the same details queue for that day instead (no slot, no files).
  const form = useForm(waitDay ? ZWaitlistForm : ZBookInput, initial, async (v) => {
    if (waitDay) {
      const { topic, mode, description, client, opposingParty, consent } = v;
      await clinicApi.joinWaitlist({
        clinicId,
        day: waitDay,
        topic,
        mode,
        description,
        client,
        opposingParty,
        consent,
      });
      setWaitlisted(`已登记 ${waitDay} 的候补。有人取消时会按登记顺序为您保留名额，并通过订阅消息提醒您确认。`);
      return;
    }
    const b = v as TBookInput;
    const r = await clinicApi.book(clinicId, { ...b, startsAt: b.startsAt.toISOString() });
    onBooked(r.booking.id);
  });
  const pickSlot = useCallback(
    (s: TSlotChoice) => {
      setWaitDay(null);
      form.setField('providerId', s.providerId);
      form.setField('startsAt', s.startsAt);
    },
    [form],
  );
  const waitFor = (day: string) => {
    setWaitDay(day);
    setWaitlisted(null);
    form.setField('providerId', '');
    form.setField('startsAt', '');
  };
  const setOpposingName = (name: string) => {
    setOpposing((o) => ({ ...o, name }));
    form.setField('opposingParty', name ? { name } : undefined);
  };
  const files = useAttachments((ids) => form.setField('attachmentIds', ids));
  return {
    clinic,
    slots,
    from,
    setFrom,
    opposing,
    setOpposingName,
    form,
    pickSlot,
    waitDay,
    waitFor,
    waitlisted,
    files,
  };
}

/** Runs one action on a booking (cancel, accept-offer, rating, no-show), then reloads what shows it. */
function useBookingActions(reload: () => Promise<void>) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (bookingId: string, action: string, body: object = {}) => {
    setBusy(`${action}-${bookingId}`);
    setError(null);
    try {
      await clinicApi.act(bookingId, action, body);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, act };
}

/** My bookings, with cancel (a reason inside the notice window), accept offer, no-show and rating. */
export function useMyBookings() {
  const list = useAsync(() => clinicApi.myBookings());
  return { list, ...useBookingActions(() => list.reload()) };
}

/** One booking (the subscribe message's and the list's link), with the same actions as the list. */
export function useBooking(bookingId: string) {
  const booking = useAsync(() => clinicApi.booking(bookingId) as Promise<TBookingView>, [bookingId], !!bookingId);
  return { booking, ...useBookingActions(() => booking.reload()) };
}

/** The server's own words when the reason is missing inside the window (booking-routing.ts reason_required). */
export const REASON_REQUIRED = '距咨询开始不足诊所规定的时间，请填写原因';

/**
 * Moving a booking to another slot of the same clinic. Inside the clinic's notice window the
 * server wants a reason. Whether the booking is inside it comes with the booking, computed by
 * the server's clock (the phone's may be off, and journeys move the server's dev clock): the
 * page asks for the reason before the confirmation, and the server's field error (should the
 * window close while the page is open) lands on the same field.
 */
export function useReschedule(bookingId: string, onMoved: (bookingId: string) => void) {
  const booking = useAsync(() => clinicApi.booking(bookingId) as Promise<TBookingView>, [bookingId], !!bookingId);
  const clinicId = booking.data?.clinic.id ?? '';
  const clinic = useAsync(() => clinicApi.clinic(clinicId), [clinicId], !!clinicId);
  const [from, setFrom] = useState(todayShanghai());
  const slots = useAsync(() => clinicApi.slots(clinicId, { from, days: SLOT_WEEK_DAYS }), [clinicId, from], !!clinicId);
  const insideWindow = booking.data?.rescheduleNeedsReason ?? false;
  const schema = ZRescheduleInput.refine((v) => !insideWindow || !!v.reason, {
    message: REASON_REQUIRED,
    path: ['reason'],
  });
  const form = useForm(schema, { providerId: '', startsAt: '', reason: '' }, async (v) => {
    const r = await clinicApi.reschedule(bookingId, {
      providerId: v.providerId,
      startsAt: v.startsAt.toISOString(),
      ...(v.reason ? { reason: v.reason } : {}),
    });
    onMoved(r.booking.id);
  });
  /** The form's own check, without sending: true when it would pass (then the page confirms). */
  const check = () => schema.safeParse(form.values).success;
  const noticeHours = clinic.data?.clinic.cancelNoticeHours ?? 24;
  return { booking, clinic, slots, from, setFrom, form, check, noticeHours, insideWindow };
}

/** 我的候补: the days I queue for (my place in line, or the offer to accept), and leaving one. */
export function useMyWaitlist(after: () => Promise<void>) {
  const list = useAsync(() => clinicApi.myWaitlist());
  const action = useAction(async () => {
    await Promise.all([list.reload(), after()]);
  });
  const leave = (entryId: string) => action.run(entryId, () => clinicApi.leaveWaitlist(entryId));
  return { list, busy: action.busy, error: action.error, leave };
}

/** 我的调解: the mediation cases where I am a party (read-only: the committee runs them). */
export function useMyMediationCases() {
  return useAsync(() => clinicApi.myMediationCases());
}
