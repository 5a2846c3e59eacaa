/**
 * The stats' per-month series (Asia/Shanghai months): bookings, consultations served, no-shows,
 * mediation cases opened and results with their success rate. One light query per collection
 * over the period, bucketed here by the month of each instant.
 */
import type { Types } from 'mongoose';
import type { TClinicStatsDto } from '@shared/schemas/clinic/mediation';
import { Booking } from './model';
import { shanghaiDay } from './slots';

type Month = TClinicStatsDto['byMonth'][number];
type CaseRow = { outcome?: string; openedAt: Date; closedAt?: Date };

const monthOf = (d: Date) => shanghaiDay(d).slice(0, 7);

/** Every month from `from`'s to `to`'s (YYYY-MM-DD days), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

export async function monthlySeries(
  q: { from: string; to: string },
  range: { from: Date; to: Date },
  scope: { clinic?: Types.ObjectId },
  cases: CaseRow[],
  successRate: (agreement: number, noAgreement: number) => number | null,
): Promise<Month[]> {
  // Waitlist offers are not bookings the resident made (an accepted one becomes `confirmed`).
  const bookings = await Booking.find(
    { ...scope, startsAt: { $gte: range.from, $lt: range.to }, status: { $nin: ['offered', 'offer_expired'] } },
    { startsAt: 1, status: 1 },
  ).lean();
  const months = new Map<string, Month>(
    monthsBetween(q.from, q.to).map((month) => [
      month,
      {
        month,
        bookings: 0,
        consultations: 0,
        noShows: 0,
        mediations: 0,
        agreement: 0,
        noAgreement: 0,
        successRate: null,
      },
    ]),
  );
  const inRange = (d?: Date) => d !== undefined && d >= range.from && d < range.to;
  for (const b of bookings) {
    const m = months.get(monthOf(b.startsAt))!;
    m.bookings += 1;
    if (b.status === 'completed') m.consultations += 1;
    if (b.status === 'no_show') m.noShows += 1;
  }
  for (const c of cases) {
    if (inRange(c.openedAt)) months.get(monthOf(c.openedAt))!.mediations += 1;
    if (!c.closedAt || !inRange(c.closedAt)) continue;
    const m = months.get(monthOf(c.closedAt))!;
    if (c.outcome === 'agreement') m.agreement += 1;
    if (c.outcome === 'no_agreement') m.noAgreement += 1;
  }
  return [...months.values()].map((m) => ({ ...m, successRate: successRate(m.agreement, m.noAgreement) }));
}
