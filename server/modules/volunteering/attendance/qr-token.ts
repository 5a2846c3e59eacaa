import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The organiser's rotating check-in token.
 *
 * Format: `v1.<activityId>.<shiftId>.<window>.<mac>` where `window` is
 * floor(unixMs / 30 000) and `mac` is base64url(HMAC-SHA256(secret, "v1.<activity>.<shift>.<window>"))
 * truncated to 16 bytes. The secret is per activity (stored server-side, never sent), so a
 * token cannot be forged, cannot be replayed at another activity, and a photo of the QR
 * code shared to someone at home stops working within one to two windows.
 */
export const QR_WINDOW_MS = 30_000;
const VERSION = 'v1';
const MAC_BYTES = 16;

export interface QrTokenClaims {
  activityId: string;
  shiftId: string;
  window: number;
}

export type QrVerifyOutcome =
  { ok: true; claims: QrTokenClaims } | { ok: false; reason: 'malformed' | 'forged' | 'stale' | 'other_activity' };

export const windowOf = (atMs: number): number => Math.floor(atMs / QR_WINDOW_MS);

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

export function signQrToken(secret: Buffer, activityId: string, shiftId: string, atMs: number): string {
  const payload = `${VERSION}.${activityId}.${shiftId}.${windowOf(atMs)}`;
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Milliseconds until the current token stops being the newest (clients refresh then). */
export const msUntilRotation = (atMs: number): number => QR_WINDOW_MS - (atMs % QR_WINDOW_MS);

/** Parses without checking the signature — only to find which activity's secret to load. */
export function parseQrToken(token: string): QrTokenClaims | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
  const [, activityId, shiftId, windowText, macText] = parts;
  if (!/^[0-9a-f]{24}$/.test(activityId) || !/^[0-9a-f]{24}$/.test(shiftId)) return undefined;
  if (!/^\d{1,12}$/.test(windowText) || !/^[A-Za-z0-9_-]{10,40}$/.test(macText)) return undefined;
  return { activityId, shiftId, window: Number(windowText) };
}

/**
 * Accepts the current window and the one before it only (a token shown at second 29 is
 * still good when scanned at second 31); anything older or from the future is stale.
 * `expectedActivityId` is the activity the volunteer is checking in to.
 */
export function verifyQrToken(
  secret: Buffer,
  token: string,
  expectedActivityId: string,
  nowMs: number,
): QrVerifyOutcome {
  const claims = parseQrToken(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const payload = `${VERSION}.${claims.activityId}.${claims.shiftId}.${claims.window}`;
  const given = Buffer.from(token.slice(payload.length + 1), 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  if (claims.activityId !== expectedActivityId) return { ok: false, reason: 'other_activity' };
  const current = windowOf(nowMs);
  if (claims.window !== current && claims.window !== current - 1) return { ok: false, reason: 'stale' };
  return { ok: true, claims };
}
