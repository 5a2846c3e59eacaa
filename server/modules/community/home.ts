import type { THomeQuery, THomeScreen } from '@shared/schemas/community/home';
import { ZActivityListQuery } from '@shared/schemas/volunteering/activities';
import type { AppDeps } from '../../deps';
import { listActivities } from '../volunteering/activities';
import { activeAlerts, communityNames, listNotices, presentNoticeSummary } from './notices';
import { nearbyPlaces, presentNearby } from './places';
import { findCommunity, myCommunityId } from './residents';

const HOME_RADIUS_M = 1000;
const HOME_ACTIVITY_KM = 3;

/**
 * The home page's first screen in one answer: urgent alerts for the banner, the latest notices,
 * the nearest services and upcoming activities. The point is the one the client sends (the last
 * known location), else the resident's community centre; without either, only notices.
 */
export async function homeScreen(deps: AppDeps, q: THomeQuery, userId: string | null): Promise<THomeScreen> {
  const now = deps.now();
  const communityId = q.communityId ?? (await myCommunityId(userId));
  const community = communityId ? await findCommunity(communityId) : null;
  const point = q.lng !== undefined && q.lat !== undefined ? { lng: q.lng, lat: q.lat } : (community?.location ?? null);
  const [alerts, notices, places, activities, names] = await Promise.all([
    activeAlerts(community?.id ?? null, now),
    listNotices({ page: 1, pageSize: 3 }, community?.id ?? null, now),
    point ? nearbyPlaces({ ...point, radius: HOME_RADIUS_M, limit: 5 }) : Promise.resolve([]),
    point
      ? listActivities(ZActivityListQuery.parse({ lng: point.lng, lat: point.lat, radiusKm: HOME_ACTIVITY_KM, pageSize: 3 }), now, null)
      : Promise.resolve({ items: [] }),
    communityNames(),
  ]);
  const mine = community?.id ?? null;
  return {
    community: community ? { id: community.id, name: community.name } : null,
    alerts: alerts.map((n) => presentNoticeSummary(n, names, mine)),
    notices: notices.items.filter((n) => !n.urgent).map((n) => presentNoticeSummary(n, names, mine)),
    places: places.map((p) => presentNearby(p, now)),
    activities: activities.items.map((a) => ({
      id: String(a._id),
      title: a.title,
      startsAt: a.startsAt.toISOString(),
      address: a.address,
      distanceM: Math.round(a.distanceM ?? 0),
    })),
  };
}
