import Taro from '@tarojs/taro';
import { positionFromBrowser, type TPosition } from '../../services/coords';

export type { TPosition };

const DENIED = '无法获取位置：请在设置中允许邻里使用定位';

/**
 * The device position. weapp: Taro.getLocation (gcj02, the datum WeChat maps and
 * chooseLocation use). H5: the browser's geolocation API, converted from WGS-84 to
 * GCJ-02 (services/coords.ts), so an H5 check-in and a weapp-placed activity agree.
 */
export function currentPosition(timeoutMs = 10000): Promise<TPosition> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
      if (!geo) {
        reject(new Error('当前浏览器不支持定位'));
        return;
      }
      geo.getCurrentPosition(
        (p) => resolve(positionFromBrowser(p.coords)),
        () => reject(new Error(DENIED)),
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
      );
    });
  }
  return Taro.getLocation({ type: 'gcj02', isHighAccuracy: true })
    .then((r) => ({ lng: r.longitude, lat: r.latitude, accuracy: Math.round(r.accuracy) }))
    .catch(() => {
      throw new Error(DENIED);
    });
}
