/**
 * Opening hours as people write them on a door: one rule per line or `；`, e.g.
 * `周一至周五 08:30-17:30；周六 09:00-12:00`, `每天 07:00-22:00`, `工作日 09:00-12:00,14:00-17:00`,
 * `24小时`. Days: 每天/每日, 工作日, 周末, 周X至周Y (also 到 or -), 周X、周Y (星期 also works).
 * A range may run past midnight (`22:00-02:00`). Times are Asia/Shanghai wall-clock.
 */
export interface HoursRule {
  days: number[]; // 1 = Monday … 7 = Sunday
  from: number; // minutes after midnight
  to: number; // minutes after midnight, 1440 = 24:00; less than `from` runs past midnight
}

const DAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const ALL = [1, 2, 3, 4, 5, 6, 7];
const ALWAYS = /^(24\s*小时|全天|24\/7)(营业|开放)?$/;
const RANGE = /^(\d{1,2}):(\d{2})\s*[-–~～至到]\s*(\d{1,2}):(\d{2})$/;

function parseDays(s: string): number[] | null {
  const t = s.replace(/星期/g, '周').replace(/\s+/g, '');
  if (t === '' || t === '每天' || t === '每日' || t === '全周') return ALL;
  if (t === '工作日') return [1, 2, 3, 4, 5];
  if (t === '周末') return [6, 7];
  const span = /^周([一二三四五六日天])(?:至|到|-|–|~)周?([一二三四五六日天])$/.exec(t);
  if (span) {
    const a = DAY[span[1]];
    const b = DAY[span[2]];
    const out: number[] = [];
    for (let d = a; ; d = (d % 7) + 1) {
      out.push(d);
      if (d === b) break;
    }
    return out;
  }
  const list = t.split(/[、,，]/);
  if (list.every((x) => /^周?[一二三四五六日天]$/.test(x))) return list.map((x) => DAY[x.slice(-1)]);
  return null;
}

function parseRange(s: string): { from: number; to: number } | null {
  const m = RANGE.exec(s.trim());
  if (!m) return null;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number);
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59 || (h1 === 24 && m1 > 0) || (h2 === 24 && m2 > 0)) return null;
  const from = h1 * 60 + m1;
  const to = h2 * 60 + m2;
  return from === to ? null : { from, to };
}

/** The rules, or null when some part cannot be read (the form shows the field error). */
export function parseOpeningHours(text: string): HoursRule[] | null {
  const rules: HoursRule[] = [];
  for (const raw of text.split(/[;；\n]/)) {
    const seg = raw.trim();
    if (!seg) continue;
    if (ALWAYS.test(seg.replace(/\s+/g, ''))) {
      rules.push({ days: ALL, from: 0, to: 1440 });
      continue;
    }
    const m = /^(.*?)\s*((?:\d{1,2}:\d{2}\s*[-–~～至到]\s*\d{1,2}:\d{2}\s*[,，、]?\s*)+)$/.exec(seg);
    if (!m) return null;
    const days = parseDays(m[1]);
    if (!days) return null;
    for (const r of m[2].split(/[,，、]/).filter((x) => x.trim())) {
      const range = parseRange(r);
      if (!range) return null;
      rules.push({ days, ...range });
    }
  }
  return rules.length ? rules : null;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Open at `now` (Asia/Shanghai, UTC+8 without DST)? */
export function isOpenAt(rules: readonly HoursRule[], now: Date): boolean {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const yesterday = day === 1 ? 7 : day - 1;
  const t = local.getUTCHours() * 60 + local.getUTCMinutes();
  return rules.some((r) => {
    if (r.from < r.to) return r.days.includes(day) && t >= r.from && t < r.to;
    // Past midnight: the evening part today, or the morning part of a range that started yesterday.
    return (r.days.includes(day) && t >= r.from) || (r.days.includes(yesterday) && t < r.to);
  });
}
