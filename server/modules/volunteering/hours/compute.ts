/**
 * How on-site service time becomes ledger minutes (the documented rule, shown to volunteers):
 *
 * 1. Clamp: only the overlap of [check-in, check-out] with [shift start, shift end] counts —
 *    arriving early or staying late does not add time; leaving early does subtract it.
 * 2. Floor the overlap to whole minutes.
 * 3. Round to the nearest quarter hour (15 min): a remainder of 0–7 min rounds down, 8–14 up.
 *    Because step 2 yields whole minutes, there is never an exact tie.
 *
 * Examples: 52 min → 45; 53 min → 60; 7 min → 0; 8 min → 15. The result never exceeds
 * the shift length rounded the same way.
 */
export const ROUNDING_STEP_MINUTES = 15;
const MINUTE_MS = 60_000;

export interface ServiceInterval {
  checkinAt: Date;
  checkoutAt: Date;
  shiftStart: Date;
  shiftEnd: Date;
}

export function overlapMinutes({ checkinAt, checkoutAt, shiftStart, shiftEnd }: ServiceInterval): number {
  const from = Math.max(checkinAt.getTime(), shiftStart.getTime());
  const to = Math.min(checkoutAt.getTime(), shiftEnd.getTime());
  return to > from ? Math.floor((to - from) / MINUTE_MS) : 0;
}

export function roundServiceMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  const whole = Math.floor(minutes);
  const step = ROUNDING_STEP_MINUTES;
  const remainder = whole % step;
  return remainder * 2 > step ? whole - remainder + step : whole - remainder;
}

export const serviceMinutes = (interval: ServiceInterval): number => roundServiceMinutes(overlapMinutes(interval));

/** "12.5" style hours with at most two decimals, for certificates and exports. */
export const formatHours = (minutes: number): string => {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return hours.toFixed(2).replace(/\.?0+$/, '');
};

/** Calendar month in Asia/Shanghai (UTC+8, no DST) — the period key stats group by. */
export function shanghaiMonth(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 60 * MINUTE_MS);
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shanghaiDate(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 60 * MINUTE_MS);
  return shifted.toISOString().slice(0, 10);
}
