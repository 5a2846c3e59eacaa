import { PLACE_TYPE_LABELS, type TNearbyPlace, type TPlaceDto } from '@shared/schemas/community/places';
import { isOpenAt } from './hours';
import type { PlaceDoc } from './model';
import { rulesOf, type NearbyRow } from './queries';

/**
 * Walking distance without a routing service: straight-line distance times a street detour
 * factor (1.3, typical of a city grid), at 80 m a minute (4.8 km/h). Shown as an estimate (约).
 */
const DETOUR = 1.3;
const WALK_M_PER_MIN = 80;

export function presentPlace(p: PlaceDoc): TPlaceDto {
  return {
    id: String(p._id),
    name: p.name,
    type: p.type,
    typeLabel: PLACE_TYPE_LABELS[p.type],
    address: p.address,
    location: { lng: p.location.coordinates[0], lat: p.location.coordinates[1] },
    phone: p.phone ?? null,
    openingHours: p.openingHours ?? null,
    source: p.source,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentNearby(p: NearbyRow, now: Date): TNearbyPlace {
  const walkingM = Math.round(p.distanceM * DETOUR);
  const rules = rulesOf(p);
  return {
    ...presentPlace(p),
    distanceM: Math.round(p.distanceM),
    walkingM,
    walkingMinutes: Math.max(1, Math.round(walkingM / WALK_M_PER_MIN)),
    openNow: rules ? isOpenAt(rules, now) : null,
  };
}
