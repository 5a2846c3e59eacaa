/**
 * Which slots a clinic offers: every eligible provider's schedule, less what is booked, the
 * daily caps, minimum notice, conflicts of interest and (for students) the supervisor's duty.
 */
import type { ClinicDoc } from '../org';
import type { TConsultMode } from '@shared/schemas/clinic/clinics';
import { conflictsFor, type Conflict, type OpposingParty } from './conflict';
import type { ProviderDoc, ScheduleDoc } from './model';
import { activeBookingsBetween, providersOf, schedulesOf } from './queries';
import { addDays, dayStart, dayWindows, intersect, slotsInWindows, type SlotTime } from './slots';

export interface OfferedSlot extends SlotTime {
  provider: ProviderDoc;
  day: string;
  modes: TConsultMode[];
  conflict: Conflict;
}

/** Lawyers whose licence the coordinator verified; students whose supervisor is such a lawyer. */
export function eligibleProviders(all: ProviderDoc[]): ProviderDoc[] {
  const verified = new Set(
    all.filter((p) => p.active && p.kind === 'lawyer' && p.licenceVerifiedAt).map((p) => String(p._id)),
  );
  return all.filter(
    (p) =>
      p.active &&
      (p.kind === 'lawyer'
        ? verified.has(String(p._id))
        : p.supervisor !== undefined && verified.has(String(p.supervisor))),
  );
}

/** A provider's bookable windows of a day; a student's only while the supervisor is on duty (unless the clinic allows students alone). */
export function providerWindows(
  clinic: ClinicDoc,
  p: ProviderDoc,
  schedules: Map<string, ScheduleDoc>,
  day: string,
): [number, number][] {
  const own = schedules.get(String(p._id));
  if (!own) return [];
  const windows = dayWindows(own, day);
  if (p.kind !== 'student' || clinic.studentsAlone) return windows;
  const sup = p.supervisor ? schedules.get(String(p.supervisor)) : undefined;
  return sup ? intersect(windows, dayWindows(sup, day)) : [];
}

export async function clinicSlots(
  clinic: ClinicDoc,
  q: { from: string; days: number; mode?: TConsultMode; providerId?: string; opposing?: OpposingParty },
  now: Date,
): Promise<{ slots: OfferedSlot[]; fullDays: string[] }> {
  const providers = eligibleProviders(await providersOf(clinic._id, true));
  const schedules = new Map((await schedulesOf(providers.map((p) => p._id))).map((s) => [String(s.provider), s]));
  const conflicts = await conflictsFor(
    providers.map((p) => p.user),
    q.opposing,
  );
  const wanted = providers.filter(
    (p) => (!q.providerId || String(p._id) === q.providerId) && conflicts.get(String(p.user)) !== 'hard',
  );
  const from = new Date(dayStart(q.from));
  const to = new Date(dayStart(addDays(q.from, q.days)));
  const booked = await activeBookingsBetween(
    wanted.map((p) => p._id),
    from,
    to,
  );
  const busy = new Map<string, { s: number; e: number }[]>();
  const perDay = new Map<string, number>();
  for (const b of booked) {
    const k = String(b.provider);
    (busy.get(k) ?? busy.set(k, []).get(k)!).push({ s: b.startsAt.getTime(), e: b.endsAt.getTime() });
    perDay.set(`${k}:${b.day}`, (perDay.get(`${k}:${b.day}`) ?? 0) + 1);
  }
  const slots: OfferedSlot[] = [];
  const daysWithDuty = new Set<string>();
  const daysWithFree = new Set<string>();
  for (let i = 0; i < q.days; i++) {
    const day = addDays(q.from, i);
    for (const p of wanted) {
      const s = schedules.get(String(p._id))!;
      if (!s || (q.mode && !s.modes.includes(q.mode))) continue;
      const windows = providerWindows(clinic, p, schedules, day);
      const daySlots = slotsInWindows(s, day, windows, now);
      if (daySlots.length === 0) continue;
      daysWithDuty.add(day);
      if ((perDay.get(`${String(p._id)}:${day}`) ?? 0) >= s.maxPerDay) continue;
      const taken = busy.get(String(p._id)) ?? [];
      for (const slot of daySlots) {
        const a = slot.startsAt.getTime();
        const b = slot.endsAt.getTime();
        if (taken.some((t) => a < t.e && t.s < b)) continue;
        daysWithFree.add(day);
        slots.push({ ...slot, provider: p, day, modes: s.modes, conflict: conflicts.get(String(p.user)) ?? 'none' });
      }
    }
  }
  slots.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
  return { slots, fullDays: [...daysWithDuty].filter((d) => !daysWithFree.has(d)).sort() };
}
