import { WxMap } from '../../../components/WxMap';
import type { TOut } from '@shared/schemas/common';
import type { ZClinicList } from '@shared/schemas/clinic/clinics';
import type { TPosition } from '../../../services/coords';
import { StaticMap } from '../../../components/StaticMap';
import { isH5 } from '../../../services/nav';

type TClinic = TOut<typeof ZClinicList>['items'][number];

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
  if (isH5 || !center) {
    return <StaticMap id="clinic-map" center={center} points={located.map((c) => c.location!)} what="法律诊所" />;
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
    <WxMap
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
