import { Image, Text, View } from '@tarojs/components';
import { H5_MAP_KEY } from '../services/map-key';

interface TPoint {
  lng: number;
  lat: number;
}

/** Tencent's static map around `center` with the first nine points numbered as in the list below it (GCJ-02). */
export function staticMapUrl(key: string, center: TPoint, points: TPoint[]): string {
  const markers = points
    .slice(0, 9)
    .map((p, i) => `markers=${encodeURIComponent(`size:large|color:0x0f7b55|label:${i + 1}|${p.lat},${p.lng}`)}`)
    .join('&');
  return `https://apis.map.qq.com/ws/staticmap/v2/?center=${center.lat},${center.lng}&zoom=13&size=640*360&scale=2&${markers}&key=${encodeURIComponent(key)}`;
}

interface Props {
  /** Ids are `<id>-static` (the map) and `<id>-fallback` (the note); journeys run without a key. */
  id: string;
  center: TPoint | null;
  points: TPoint[];
  /** What the list below the map holds, for the note: "以下按距离由近及远列出<what>". */
  what: string;
}

/**
 * The H5 map view: a static map when a key is configured and there is a centre. Without either
 * the page says so and the list below it (nearest first, with distances) stands in. On weapp
 * pages use WeChat's <Map> instead.
 */
export function StaticMap({ id, center, points, what }: Props) {
  if (!center || !H5_MAP_KEY) {
    return (
      <View className="card" id={`${id}-fallback`}>
        <Text className="muted">
          {center ? '地图服务未配置' : '未获取到位置'}，以下按距离由近及远列出{what}。
        </Text>
      </View>
    );
  }
  return <Image id={`${id}-static`} className="v-map-static" mode="widthFix" src={staticMapUrl(H5_MAP_KEY, center, points)} />;
}
