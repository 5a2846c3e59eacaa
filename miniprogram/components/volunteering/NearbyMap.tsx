import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import type { TPosition } from '../../hooks/volunteering/location';
import { isH5 } from '../../services/nav';
import { StaticMap } from '../StaticMap';
import { ActivityMap } from './ActivityMap';

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
  return <StaticMap id="activity-map" center={position} points={items.map((a) => a.location)} what="附近的活动" />;
}
