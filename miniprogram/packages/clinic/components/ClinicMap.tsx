import { Image, Map, Text, View } from '@tarojs/components';
import type { TOut } from '@shared/schemas/common';
import type { ZClinicList } from '@shared/schemas/clinic/clinics';
import type { TPosition } from '../../../services/coords';
import { isH5 } from '../../../services/nav';

type TClinic = TOut<typeof ZClinicList>['items'][number];

/** The H5 map key (a build-time variable); empty in dev and tests (DECISIONS "Maps on H5"). */
const H5_MAP_KEY: string = process.env.TARO_APP_H5_MAP_KEY ?? '';

interface Props {
  position: TPosition | null;
  items: TClinic[];
  onOpen: (clinicId: string) => void;
}

/**
 * 地图 view of the clinics (GCJ-02, as stored): WeChat's map on weapp, Tencent's static map on
 * H5 when a key is configured. Without a key (or a position) the page says so and the list
 * below, nearest first with distances, stands in.
 */
export function ClinicMap({ position, items, onOpen }: Props) {
  const located = items.filter((c) => c.location);
  const center = position ?? located[0]?.location ?? null;
  if (!center || (isH5 && !H5_MAP_KEY)) {
    return (
      <View className="card" id="clinic-map-fallback">
        <Text className="muted">
          {center ? '地图服务未配置' : '未获取到位置'}，以下按距离由近及远列出法律诊所。
        </Text>
      </View>
    );
  }
  if (isH5) {
    const markers = located
      .slice(0, 9)
      .map((c, i) => `markers=${encodeURIComponent(`size:large|color:0x0f7b55|label:${i + 1}|${c.location!.lat},${c.location!.lng}`)}`)
      .join('&');
    const src = `https://apis.map.qq.com/ws/staticmap/v2/?center=${center.lat},${center.lng}&zoom=13&size=640*360&scale=2&${markers}&key=${encodeURIComponent(H5_MAP_KEY)}`;
    return <Image id="clinic-map-static" className="v-map-static" mode="widthFix" src={src} />;
  }
  const markers = located.map((c, i) => ({
    id: i,
    longitude: c.location!.lng,
    latitude: c.location!.lat,
    title: c.name,
    width: 28,
    height: 36,
    callout: { content: c.name, display: 'ALWAYS', padding: 6, borderRadius: 6, fontSize: 12, color: '#1f2329', bgColor: '#ffffff' },
  }));
  return (
    <Map
      id="clinic-map"
      longitude={center.lng}
      latitude={center.lat}
      scale={13}
      showLocation={!!position}
      markers={markers as never}
      style={{ width: '100%', height: '420rpx', marginBottom: '24rpx' }}
      onError={() => undefined}
      onCalloutTap={(e) => {
        const c = located[Number((e.detail as { markerId: number }).markerId)];
        if (c) onOpen(c.id);
      }}
    />
  );
}
