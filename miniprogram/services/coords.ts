/**
 * Coordinates are GCJ-02 everywhere in Linli (storage, queries, geofences, maps: DECISIONS).
 * WeChat's getLocation({ type: 'gcj02' }) and chooseLocation already answer in GCJ-02, but a
 * browser's geolocation (H5) answers in WGS-84, which in China lies some hundreds of metres off
 * GCJ-02 — more than a 300 m check-in radius. Positions from the browser are converted here, at
 * the edge of the client, with gcoord (outside China it leaves points as they are).
 */
import gcoord from 'gcoord';

export interface TPosition {
  lng: number;
  lat: number;
  accuracy?: number;
}

/** WGS-84 (GPS, the browser) → GCJ-02 (WeChat, the server). */
export function wgs84ToGcj02(lng: number, lat: number): { lng: number; lat: number } {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
  return { lng: x, lat: y };
}

/** The browser's position (WGS-84) as the GCJ-02 position the server expects. */
export function positionFromBrowser(coords: { longitude: number; latitude: number; accuracy: number }): TPosition {
  return { ...wgs84ToGcj02(coords.longitude, coords.latitude), accuracy: Math.round(coords.accuracy) };
}
