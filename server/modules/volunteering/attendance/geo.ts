/** The IUGG mean earth radius, in metres. */
const EARTH_RADIUS_M = 6_371_008.8;

export interface LngLat {
  lng: number;
  lat: number;
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres on a sphere of `radiusM` (default: the IUGG mean radius). */
export function haversineMetres(a: LngLat, b: LngLat, radiusM = EARTH_RADIUS_M): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * radiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Phone fixes are noisy: a reported accuracy (metres) widens the radius, capped so that a
 * fix claiming "±5 km" cannot be used to check in from home.
 */
export const MAX_ACCURACY_ALLOWANCE_M = 50;

export function withinRadius(
  site: LngLat,
  at: LngLat,
  radiusM: number,
  accuracyM = 0,
): { ok: boolean; distanceM: number } {
  const distanceM = haversineMetres(site, at);
  const allowance = Math.min(Math.max(accuracyM, 0), MAX_ACCURACY_ALLOWANCE_M);
  return { ok: distanceM <= radiusM + allowance, distanceM: Math.round(distanceM) };
}

/** GeoJSON stores [lng, lat]. */
export const fromGeoJson = (p: { coordinates: number[] }): LngLat => ({ lng: p.coordinates[0], lat: p.coordinates[1] });
