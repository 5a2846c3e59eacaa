import { positionFromBrowser, wgs84ToGcj02 } from './coords';

/** Great-circle distance in metres (the server's check-in geofence uses the same formula). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

describe('browser positions become GCJ-02', () => {
  // The People's Square, Shanghai: as GPS (WGS-84) reports it, and as WeChat (GCJ-02) maps show it.
  const gps = { longitude: 121.4737, latitude: 31.2304, accuracy: 12.4 };
  const wechat = { lng: 121.47822305927693, lat: 31.22845773757727 };

  it('an H5 check-in standing where a weapp-placed activity is lands inside a 300 m radius', () => {
    const raw = { lng: gps.longitude, lat: gps.latitude };
    // Unconverted, the browser's point is hundreds of metres from the same spot on WeChat's map.
    expect(metres(raw, wechat)).toBeGreaterThan(300);
    const converted = positionFromBrowser(gps);
    expect(metres(converted, wechat)).toBeLessThan(1);
    expect(converted.accuracy).toBe(12);
  });

  it('leaves points outside China as they are (GCJ-02 is only defined there)', () => {
    expect(wgs84ToGcj02(2.3522, 48.8566)).toEqual({ lng: 2.3522, lat: 48.8566 });
  });
});
