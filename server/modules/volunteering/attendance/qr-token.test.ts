import { randomBytes } from 'node:crypto';
import { QR_WINDOW_MS, msUntilRotation, signQrToken, verifyQrToken } from './qr-token';
import { haversineMetres, withinRadius } from './geo';

const secret = randomBytes(32);
const activity = 'a'.repeat(24);
const shift = 'b'.repeat(24);
const t0 = 1_780_000_000_000;

describe('QR check-in token', () => {
  it('when scanned in the same window, it is accepted with its claims', () => {
    const token = signQrToken(secret, activity, shift, t0);
    expect(verifyQrToken(secret, token, activity, t0 + 1000)).toEqual({
      ok: true,
      claims: { activityId: activity, shiftId: shift, window: Math.floor(t0 / QR_WINDOW_MS) },
    });
  });

  it('when scanned in the next window, it is still accepted (one window of grace)', () => {
    const token = signQrToken(secret, activity, shift, t0);
    expect(verifyQrToken(secret, token, activity, t0 + QR_WINDOW_MS).ok).toBe(true);
  });

  it('when scanned two windows later, it is stale', () => {
    const token = signQrToken(secret, activity, shift, t0);
    expect(verifyQrToken(secret, token, activity, t0 + 2 * QR_WINDOW_MS)).toEqual({ ok: false, reason: 'stale' });
  });

  it('when the token comes from the future, it is stale', () => {
    const token = signQrToken(secret, activity, shift, t0 + 5 * QR_WINDOW_MS);
    expect(verifyQrToken(secret, token, activity, t0)).toEqual({ ok: false, reason: 'stale' });
  });

  it('when the token rotates, consecutive windows give different tokens', () => {
    const start = t0 - (t0 % QR_WINDOW_MS);
    expect(signQrToken(secret, activity, shift, start)).toBe(
      signQrToken(secret, activity, shift, start + QR_WINDOW_MS - 1),
    );
    expect(signQrToken(secret, activity, shift, start)).not.toBe(
      signQrToken(secret, activity, shift, start + QR_WINDOW_MS),
    );
    expect(msUntilRotation(start + 1000)).toBe(QR_WINDOW_MS - 1000);
  });

  it('when signed with another secret, it is forged', () => {
    const token = signQrToken(randomBytes(32), activity, shift, t0);
    expect(verifyQrToken(secret, token, activity, t0)).toEqual({ ok: false, reason: 'forged' });
  });

  it('when the window is edited to extend it, the signature fails', () => {
    const token = signQrToken(secret, activity, shift, t0);
    const parts = token.split('.');
    parts[3] = String(Number(parts[3]) + 1);
    expect(verifyQrToken(secret, parts.join('.'), activity, t0 + QR_WINDOW_MS)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('when the token is for another activity, it is rejected as such', () => {
    const other = 'c'.repeat(24);
    const token = signQrToken(secret, other, shift, t0);
    expect(verifyQrToken(secret, token, activity, t0)).toEqual({ ok: false, reason: 'other_activity' });
  });

  it.each(['', 'garbage', 'v2.x.y.1.abc', `v1.${activity}.${shift}.notanumber.abcdefghijkl`, 'v1.'.repeat(100)])(
    'when the token is %p, it is malformed',
    (token) => {
      expect(verifyQrToken(secret, token, activity, t0)).toEqual({ ok: false, reason: 'malformed' });
    },
  );
});

describe('geofence', () => {
  const site = { lng: 121.4737, lat: 31.2304 };

  it('measures a known distance (0.001° latitude ≈ 111 m)', () => {
    expect(haversineMetres(site, { lng: site.lng, lat: site.lat + 0.001 })).toBeCloseTo(111.2, 0);
  });

  it('when the volunteer stands inside the radius, it passes', () => {
    expect(withinRadius(site, { lng: site.lng, lat: site.lat + 0.0009 }, 200)).toEqual({ ok: true, distanceM: 100 });
  });

  it('when the volunteer is outside the radius, it fails with the distance', () => {
    const r = withinRadius(site, { lng: site.lng, lat: site.lat + 0.01 }, 200);
    expect(r.ok).toBe(false);
    expect(r.distanceM).toBeGreaterThan(1000);
  });

  it('when the fix reports a huge accuracy, the allowance is capped at 50 m', () => {
    const spot = { lng: site.lng, lat: site.lat + 0.0027 }; // ~300 m
    expect(withinRadius(site, spot, 200, 5000).ok).toBe(false);
    expect(withinRadius(site, { lng: site.lng, lat: site.lat + 0.0021 }, 200, 40).ok).toBe(true); // ~234 m, within 200 + 40
  });
});
