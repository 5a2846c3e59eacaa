import { Image, Text, View } from '@tarojs/components';
import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import type { TPosition } from '../../hooks/volunteering/location';
import { isH5 } from '../../services/nav';
import { ActivityMap } from './ActivityMap';

/** The H5 map key (a build-time variable); empty in dev and tests (DECISIONS "Maps on H5"). */
const H5_MAP_KEY: string = process.env.TARO_APP_H5_MAP_KEY ?? '';

/** Tencent's static map of the listed activities (numbered as in the list below it). */
export function staticMapUrl(key: string, at: TPosition, items: TActivitySummaryDto[]): string {
  const markers = items
    .slice(0, 9)
    .map(
      (a, i) =>
        `markers=${encodeURIComponent(`size:large|color:0x0f7b55|label:${i + 1}|${a.location.lat},${a.location.lng}`)}`,
    )
    .join('&');
  return `https://apis.map.qq.com/ws/staticmap/v2/?center=${at.lat},${at.lng}&zoom=13&size=640*360&scale=2&${markers}&key=${encodeURIComponent(key)}`;
}

interface Props {
  position: TPosition;
  items: TActivitySummaryDto[];
  onOpen: (id: string) => void;
}

/**
 * 地图 view: WeChat's map on weapp; on H5 a static map when a key is configured. Without
 * one the page says so and the list below (nearest first, with distances) stands in.
 */
export function NearbyMap({ position, items, onOpen }: Props) {
  if (!isH5) return <ActivityMap position={position} items={items} onOpen={onOpen} />;
  if (!H5_MAP_KEY)
    return (
      <View className="card" id="activity-map-fallback">
        <Text className="muted">地图服务未配置，以下按距离由近及远列出附近的活动。</Text>
      </View>
    );
  return (
    <Image
      id="activity-map-static"
      className="v-map-static"
      mode="widthFix"
      src={staticMapUrl(H5_MAP_KEY, position, items)}
    />
  );
}
