/**
 * SLA clocks. Street issues run around the clock; categories marked working-day count only the
 * minutes of working days (Asia/Shanghai dates: Monday to Friday, minus the district's holidays,
 * plus its make-up working days), from the configurable calendar in `report_settings`.
 */
import type { THolidayCalendar, TSlaClock } from '@shared/schemas/reports/taxonomy';
import type { CategoryDoc, ReportDoc, SlaDoc } from './model';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** YYYY-MM-DD of the Shanghai day containing `t`. */
const shanghaiDate = (t: number): string => new Date(t + SHANGHAI).toISOString().slice(0, 10);
/** UTC instant at which the Shanghai day containing `t` ends. */
const endOfShanghaiDay = (t: number): number => Math.floor((t + SHANGHAI) / DAY) * DAY + DAY - SHANGHAI;

export function isWorkingDay(t: number, cal: THolidayCalendar): boolean {
  const date = shanghaiDate(t);
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const weekday = new Date(t + SHANGHAI).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** `start` plus `minutes` on the category's clock. */
export function addSlaMinutes(start: Date, minutes: number, clock: TSlaClock, cal: THolidayCalendar): Date {
  if (clock === 'around_the_clock') return new Date(start.getTime() + minutes * 60_000);
  let cursor = start.getTime();
  let left = minutes * 60_000;
  // A year of days off at most (a broken calendar must not spin forever).
  for (let i = 0; i < 800; i++) {
    const end = endOfShanghaiDay(cursor);
    if (isWorkingDay(cursor, cal)) {
      if (cursor + left <= end) return new Date(cursor + left);
      left -= end - cursor;
    }
    cursor = end;
  }
  return new Date(cursor + left);
}

/** Overdue this long past a due time, an escalation goes on from the dispatchers to the district. */
export const DISTRICT_ESCALATION_AFTER_MS = 24 * 3_600_000;

type SlaInput = Pick<ReportDoc, 'status' | 'createdAt' | 'acceptedAt' | 'firstDispatchedAt' | 'arrivedAt' | 'resolvedAt' | 'history'> & {
  /** The timers so far (none for a report being created). */
  sla?: SlaDoc;
};

/**
 * The timers of a report as its state now stands: accept from submission, arrive from the first
 * dispatch, resolve from acceptance — or from the latest reopening, which starts a new cycle.
 * While the report waits on the resident (resolved) or is finished, nothing is due.
 */
export function computeSla(r: SlaInput, category: Pick<CategoryDoc, 'sla' | 'clock'>, cal: THolidayCalendar, now: Date): SlaDoc {
  const add = (d: Date, m: number) => addSlaMinutes(d, m, category.clock, cal);
  const reopenedAt = [...r.history].reverse().find((h) => h.to === 'reopened')?.at ?? null;
  const acceptDueAt = add(r.createdAt, category.sla.acceptMinutes);
  const arriveDueAt = r.firstDispatchedAt ? add(r.firstDispatchedAt, category.sla.arriveMinutes) : null;
  const cycleStart = reopenedAt ?? r.acceptedAt ?? r.createdAt;
  const resolveDueAt = add(cycleStart, category.sla.resolveMinutes);
  const met = (at: Date | null, due: Date | null) => (at && due ? at.getTime() <= due.getTime() : undefined);
  const resolvedThisCycle = r.resolvedAt && r.resolvedAt.getTime() >= cycleStart.getTime() ? r.resolvedAt : null;
  const waiting = ['resolved', 'closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'].includes(r.status);
  const unmet: Date[] = waiting
    ? []
    : [
        ...(r.acceptedAt ? [] : [acceptDueAt]),
        ...(arriveDueAt && !r.arrivedAt ? [arriveDueAt] : []),
        ...(resolvedThisCycle ? [] : [resolveDueAt]),
      ];
  const nextDueAt = unmet.length ? new Date(Math.min(...unmet.map((d) => d.getTime()))) : null;
  // An escalation belongs to the due time it was raised for: a new due time starts again at 0.
  const sameDue = nextDueAt !== null && r.sla?.nextDueAt?.getTime() === nextDueAt.getTime();
  return {
    clock: category.clock,
    acceptDueAt,
    arriveDueAt,
    resolveDueAt,
    nextDueAt,
    escalation: sameDue ? (r.sla?.escalation ?? 0) : 0,
    overdue: nextDueAt !== null && nextDueAt.getTime() < now.getTime(),
    acceptOnTime: met(r.acceptedAt, acceptDueAt),
    arriveOnTime: met(r.arrivedAt, arriveDueAt),
    resolveOnTime: met(resolvedThisCycle, resolveDueAt),
  };
}
