/**
 * What a scanned code may hold: the bare token (`v1.<activity>.<shift>.<window>.<mac>`)
 * or a URL carrying it as `t=`. Returns the token and the activity it names.
 */
export function parseScanned(raw: string): { token: string; activityId: string | null } {
  let token = raw.trim();
  const m = /[?&#]t=([^&#\s]+)/.exec(token);
  if (m) token = decodeURIComponent(m[1]);
  const parts = token.split('.');
  const activityId = parts.length === 5 && parts[0] === 'v1' && /^[0-9a-f]{24}$/i.test(parts[1]) ? parts[1] : null;
  return { token, activityId };
}
