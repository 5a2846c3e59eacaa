/**
 * The day-before reminder: a subscribe message (and inbox item) to the resident and to the
 * provider (and a student's supervisor) of every confirmed consultation starting tomorrow
 * (Asia/Shanghai), sent once per booking. Pending bookings are not reminded: they are not
 * agreed yet, and their confirmation message comes when the lawyer confirms.
 */
import type { AppDeps } from '../../../deps';
import { shanghaiTime } from '../../../platform/time';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { Booking, Reminder, type BookingDoc } from '../model';
import { reminderNotices } from '../notices';
import { clinicNames, dueDayBeforeReminders } from '../queries';
import { addDays, dayStart, shanghaiDay } from '../slots';

/** Not before this hour of the day before (Shanghai): nobody wants a reminder at midnight. */
export const REMIND_FROM_HOUR = 9;

export const isDuplicate = (e: unknown): boolean => (e as { code?: number } | null)?.code === 11000;

/**
 * Tomorrow's Asia/Shanghai day as [from, to), or null before REMIND_FROM_HOUR today: the window
 * both day-before sweeps (consultations, mediation sessions) remind for.
 */
export function tomorrowWindow(now: Date): { from: Date; to: Date } | null {
  const today = shanghaiDay(now);
  if (now.getTime() < dayStart(today) + REMIND_FROM_HOUR * 3600_000) return null;
  const tomorrow = addDays(today, 1);
  return { from: new Date(dayStart(tomorrow)), to: new Date(dayStart(addDays(tomorrow, 1))) };
}

/**
 * Drops the reminder rows whose reminded start is more than a day past: the sweeps only look at
 * tomorrow, so such a key can never be wanted again. Returns how many went.
 */
export async function pruneReminders(deps: AppDeps): Promise<number> {
  const r = await Reminder.deleteMany({ at: { $lt: new Date(deps.now().getTime() - 86400_000) } });
  return r.deletedCount ?? 0;
}

/** Sends the due day-before reminders; returns how many were sent by this run. */
export async function sendDayBeforeReminders(deps: AppDeps): Promise<number> {
  const window = tomorrowWindow(deps.now());
  if (!window) return 0;
  const due = await dueDayBeforeReminders(window.from, window.to);
  const names = await clinicNames(due.map((b) => b.clinic));
  let sent = 0;
  for (const b0 of due) {
    try {
      // The reminder's key and its event commit together: once the key exists the reminder
      // was sent (or will be, by the outbox); a second run's insert fails and sends nothing.
      const ok = await inUnitOfWork(deps, async (uow) => {
        await Reminder.create([
          { key: `${String(b0._id)}:day_before`, booking: b0._id, kind: 'day_before', at: b0.startsAt },
        ]);
        // Re-read inside: a booking cancelled since the query is not reminded.
        const b = await Booking.findOne({ _id: b0._id, status: 'confirmed' }).lean<BookingDoc>();
        if (!b) return uow.rollback(false);
        const clinicName = names.get(String(b.clinic)) ?? '';
        uow.emit({
          type: 'booking.reminded',
          aggregate: `clinic_booking:${String(b._id)}`,
          payload: {
            bookingId: String(b._id),
            kind: 'day_before',
            notices: reminderNotices(
              b,
              clinicName,
              `明天 ${shanghaiTime(b.startsAt).slice(-5)} 在${clinicName}有法律咨询`,
              'reminder_day_before',
            ),
          },
        });
        return true;
      });
      if (ok) sent += 1;
    } catch (e) {
      if (!isDuplicate(e)) throw e;
    }
  }
  return sent;
}
