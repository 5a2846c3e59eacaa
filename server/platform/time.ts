/** "2026-06-03 09:00" in Asia/Shanghai (UTC+8, no DST), the form subscribe messages and reviewers see. */
export function shanghaiTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
