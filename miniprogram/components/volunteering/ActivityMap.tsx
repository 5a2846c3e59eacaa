import { WxMap } from '../WxMap';
import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import type { TPosition } from '../../hooks/volunteering/location';

interface Props {
  position: TPosition;
  items: TActivitySummaryDto[];
  onOpen: (id: string) => void;
}

/** weapp map of the listed activities around the user (H5 shows the list only). */
export function ActivityMap({ position, items, onOpen }: Props) {
  const markers = items.map((a, i) => ({
    id: i,
    longitude: a.location.lng,
    latitude: a.location.lat,
    title: a.title,
    width: 28,
    height: 36,
    iconPath: '/assets/tab/activity-active.png',
    callout: {
      content: a.title,
      display: 'BYCLICK',
      padding: 6,
      borderRadius: 6,
      fontSize: 12,
      color: '#1f2329',
      bgColor: '#ffffff',
    },
  }));
  return (
    <WxMap
      id="activity-map"
      longitude={position.lng}
      latitude={position.lat}
      scale={13}
      showLocation
      markers={markers as never}
      style={{ width: '100%', height: '420rpx', marginBottom: '24rpx' }}
      onError={() => undefined}
      onCalloutTap={(e) => {
        const a = items[Number((e.detail as { markerId: number }).markerId)];
        if (a) onOpen(a.id);
      }}
    />
  );
}
