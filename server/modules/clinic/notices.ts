import type { Notice } from '../notifications';
import { appLinks } from '@shared/links';
import { shanghaiTime } from '../../platform/time';
import { BOOKING_STATUS_LABELS } from '@shared/schemas/clinic/bookings';
import { CLINIC_TOPIC_LABELS } from '@shared/schemas/clinic/clinics';
import type { BookingDoc } from './model';

/** The resident's message about a booking (inbox, and a subscribe message when they consented). */
export function residentNotice(b: BookingDoc, clinicName: string, title: string, body: string, key: string): Notice {
  return {
    user: String(b.resident),
    title,
    body,
    link: appLinks.clinicBooking(String(b._id)),
    templateKey: 'bookingUpdate',
    data: {
      thing1: clinicName.slice(0, 20),
      time2: shanghaiTime(b.startsAt),
      phrase3: BOOKING_STATUS_LABELS[b.status].slice(0, 5),
    },
    dedupeKey: `clinic:${key}:${String(b._id)}`,
  };
}

/** The provider's message (and a student's supervisor's, who confirms for them). */
export function providerNotices(b: BookingDoc, title: string, body: string, key: string): Notice[] {
  return [b.providerUser, ...(b.supervisorUser ? [b.supervisorUser] : [])].map((u) => ({
    user: String(u),
    title,
    body,
    link: appLinks.clinicAgenda(),
    dedupeKey: `clinic:${key}:${String(b._id)}:${String(u)}`,
  }));
}

/**
 * A reminder to both sides: the resident (link to the booking) and the provider and a student's
 * supervisor (link to the agenda), each as a subscribe message where they consented.
 */
export function reminderNotices(b: BookingDoc, clinicName: string, body: string, key: string): Notice[] {
  // Its own template (consultReminder: place, time, topic), not the booking-update one.
  const data = {
    thing1: clinicName.slice(0, 20),
    time2: shanghaiTime(b.startsAt),
    thing3: CLINIC_TOPIC_LABELS[b.topic],
  };
  const title = '法律咨询提醒';
  return [residentNotice(b, clinicName, title, body, key), ...providerNotices(b, title, body, key)].map((n) => ({
    ...n,
    templateKey: 'consultReminder' as const,
    data,
  }));
}
