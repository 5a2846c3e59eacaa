/**
 * The development clock: wall-clock time plus an offset that only moves forward. main wires
 * deps.now() to it when DEV_CLOCK_CONTROL is on (never in production: config refuses it), so a
 * browser journey can let a consultation's start pass without waiting for it.
 */
let offsetMs = 0;

export const devNow = (): Date => new Date(Date.now() + offsetMs);

export function advanceDevClock(advanceMs: number): number {
  offsetMs += advanceMs;
  return offsetMs;
}
