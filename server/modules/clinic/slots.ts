/**
 * Slot arithmetic, pure: weekly rules + date exceptions → windows of a day → slots, all in
 * Asia/Shanghai wall time (UTC+8, no daylight saving) and returned as UTC instants.
 */
import type { TFieldError } from '@shared/errors';
import type { ScheduleDoc, ScheduleExceptionDoc, ScheduleRuleDoc } from './model';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

type Window = [number, number]; // minutes from local midnight

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** UTC instant of a Shanghai day's midnight. */
export const dayStart = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - SHANGHAI_OFFSET_MS;

/** The Shanghai day (YYYY-MM-DD) an instant falls on. */
export const shanghaiDay = (d: Date | number): string =>
  new Date((typeof d === 'number' ? d : d.getTime()) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => shanghaiDay(dayStart(day) + n * DAY_MS);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const weekdayOf = (day: string): number => {
  const d = new Date(dayStart(day) + SHANGHAI_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
};

const ruleApplies = (r: ScheduleRuleDoc, day: string): boolean =>
  r.weekday === weekdayOf(day) && (!r.validFrom || r.validFrom <= day) && (!r.validTo || r.validTo >= day);

function merge(windows: Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([w[0], w[1]]);
  }
  return out;
}

function subtract(windows: Window[], cut: Window): Window[] {
  const out: Window[] = [];
  for (const [s, e] of windows) {
    if (cut[1] <= s || cut[0] >= e) out.push([s, e]);
    else {
      if (cut[0] > s) out.push([s, cut[0]]);
      if (cut[1] < e) out.push([cut[1], e]);
    }
  }
  return out;
}

export function intersect(a: Window[], b: Window[]): Window[] {
  const out: Window[] = [];
  for (const [s1, e1] of a)
    for (const [s2, e2] of b) if (Math.max(s1, s2) < Math.min(e1, e2)) out.push([Math.max(s1, s2), Math.min(e1, e2)]);
  return merge(out);
}

/** The provider's on-duty windows of a day: matching rules, plus extra sessions, minus leave. */
export function dayWindows(s: Pick<ScheduleDoc, 'rules' | 'exceptions'>, day: string): Window[] {
  const exceptions = s.exceptions.filter((x) => x.date === day);
  let windows = merge([
    ...s.rules.filter((r) => ruleApplies(r, day)).map((r): Window => [minutesOf(r.start), minutesOf(r.end)]),
    ...exceptions
      .filter((x) => x.kind === 'extra' && x.start && x.end)
      .map((x): Window => [minutesOf(x.start!), minutesOf(x.end!)]),
  ]);
  for (const off of exceptions.filter((x) => x.kind === 'off')) {
    windows = off.start && off.end ? subtract(windows, [minutesOf(off.start), minutesOf(off.end)]) : [];
  }
  return windows;
}

export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Slots of one day inside the given windows: each slot has its buffers before and after
 * inside the window; those starting sooner than the minimum notice are left out.
 */
export function slotsInWindows(
  s: Pick<ScheduleDoc, 'slotMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minNoticeHours'>,
  day: string,
  windows: Window[],
  now: Date,
): SlotTime[] {
  const base = dayStart(day);
  const earliest = now.getTime() + s.minNoticeHours * 3600_000;
  const out: SlotTime[] = [];
  for (const [ws, we] of windows) {
    for (
      let t = ws + s.bufferBeforeMinutes;
      t + s.slotMinutes + s.bufferAfterMinutes <= we;
      t += s.slotMinutes + s.bufferAfterMinutes + s.bufferBeforeMinutes
    ) {
      const startsAt = base + t * 60_000;
      if (startsAt < earliest) continue;
      out.push({ startsAt: new Date(startsAt), endsAt: new Date(startsAt + s.slotMinutes * 60_000) });
    }
  }
  return out;
}

/** Whether an instant is a slot start the schedule offers (booking re-checks what the list showed). */
export function isOfferedStart(s: ScheduleDoc, windows: Window[], startsAt: Date, now: Date): boolean {
  const day = shanghaiDay(startsAt);
  return slotsInWindows(s, day, windows, now).some((x) => x.startsAt.getTime() === startsAt.getTime());
}

/** Rules and exceptions that make no sense: end before start, overlapping rules, half windows. */
export function scheduleProblems(input: {
  rules: ScheduleRuleDoc[];
  exceptions: ScheduleExceptionDoc[];
}): TFieldError[] {
  const fields: TFieldError[] = [];
  input.rules.forEach((r, i) => {
    if (minutesOf(r.end) <= minutesOf(r.start))
      fields.push({ path: `rules.${i}.end`, message: '结束时间须晚于开始时间' });
    if (r.validFrom && r.validTo && r.validTo < r.validFrom)
      fields.push({ path: `rules.${i}.validTo`, message: '停用日期须不早于启用日期' });
  });
  input.rules.forEach((r, i) => {
    for (let j = 0; j < i; j++) {
      const o = input.rules[j];
      const sameDays =
        o.weekday === r.weekday &&
        (!o.validTo || !r.validFrom || r.validFrom <= o.validTo) &&
        (!r.validTo || !o.validFrom || o.validFrom <= r.validTo);
      if (sameDays && minutesOf(r.start) < minutesOf(o.end) && minutesOf(o.start) < minutesOf(r.end)) {
        fields.push({ path: `rules.${i}.start`, message: `与第 ${j + 1} 条规则的时间重叠` });
        break;
      }
    }
  });
  input.exceptions.forEach((x, i) => {
    if (Boolean(x.start) !== Boolean(x.end))
      fields.push({ path: `exceptions.${i}.${x.start ? 'end' : 'start'}`, message: '请同时填写开始和结束时间' });
    else if (x.start && x.end && minutesOf(x.end) <= minutesOf(x.start))
      fields.push({ path: `exceptions.${i}.end`, message: '结束时间须晚于开始时间' });
    if (x.kind === 'extra' && !x.start) fields.push({ path: `exceptions.${i}.start`, message: '加开时段须填写时间' });
  });
  return fields;
}
