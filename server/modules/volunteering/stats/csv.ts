import type { TStatsDto } from '@shared/schemas/volunteering/stats';

/**
 * CSV for Excel: UTF-8 with a BOM (otherwise Excel on Chinese Windows reads GBK and shows
 * mojibake), CRLF line ends, RFC 4180 quoting, and cells that would start a formula
 * (= + - @, tab, CR) prefixed with an apostrophe so a team name cannot run in Excel.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statsCsv(stats: TStatsDto): Buffer {
  const head = [
    stats.by === 'month' ? '月份' : '团队',
    '志愿者人数',
    '服务时长（小时）',
    '服务分钟数',
    '有服务记录的活动数',
    '举办活动数',
  ];
  const lines = [
    head,
    ...stats.rows.map((r) => [r.label, r.volunteers, r.hours, r.minutes, r.activitiesServed, r.activitiesHeld]),
  ];
  lines.push([
    '合计',
    stats.totals.volunteers,
    stats.totals.hours,
    stats.totals.minutes,
    stats.totals.activitiesServed,
    stats.totals.activitiesHeld,
  ]);
  const text = lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
