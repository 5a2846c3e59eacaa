import type { TAdminPlaceQuery, TNearbyQuery } from '@shared/schemas/community/places';
import { haversineMetres } from '../../volunteering/attendance';
import { Team } from '../../org';
import { parseOpeningHours } from './hours';
import { Place, type PlaceDoc } from './model';

/** The earth radius MongoDB uses for spherical distances: our own distances match $geoNear's. */
const MONGO_EARTH_RADIUS_M = 6378100;

export type NearbyRow = PlaceDoc & { distanceM: number };

/**
 * Places within the radius, nearest first ($geoNear on the 2dsphere index, the same on the
 * embedded engine and MongoDB), plus certified volunteer teams' bases (teams are few: read
 * from the team directory and measured here rather than copied into places).
 */
export async function nearbyPlaces(q: TNearbyQuery): Promise<NearbyRow[]> {
  const query: Record<string, unknown> = {};
  if (q.type) query.type = q.type;
  const [places, teams] = await Promise.all([
    Place.aggregate<NearbyRow>([
      { $geoNear: { near: { type: 'Point', coordinates: [q.lng, q.lat] }, distanceField: 'distanceM', maxDistance: q.radius, query, spherical: true } },
      { $limit: q.limit },
    ]),
    !q.type || q.type === 'volunteer_station' ? teamBases(q) : Promise.resolve([]),
  ]);
  return [...places, ...teams].sort((a, b) => a.distanceM - b.distanceM || String(a._id).localeCompare(String(b._id))).slice(0, q.limit);
}

let teamCache: { at: number; rows: PlaceDoc[] } | null = null;
const TEAM_TTL_MS = 60_000;

async function teamBases(q: TNearbyQuery): Promise<NearbyRow[]> {
  if (!teamCache || Date.now() - teamCache.at > TEAM_TTL_MS) {
    const teams = await Team.find({ status: 'certified', location: { $exists: true } }, { name: 1, location: 1, serviceArea: 1, updatedAt: 1, createdAt: 1 }).lean();
    const rows = teams
      .filter((t) => t.location?.coordinates?.length === 2)
      .map(
        (t): PlaceDoc => ({
          _id: t._id,
          source: 'volunteering',
          sourceId: String(t._id),
          type: 'volunteer_station',
          name: `${t.name}（志愿服务站）`,
          address: (t as { serviceArea?: string }).serviceArea ?? '',
          location: { type: 'Point', coordinates: t.location!.coordinates as [number, number] },
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
        }),
      );
    teamCache = { at: Date.now(), rows };
  }
  const at = { lng: q.lng, lat: q.lat };
  return teamCache.rows
    .map((p) => ({ ...p, distanceM: haversineMetres(at, { lng: p.location.coordinates[0], lat: p.location.coordinates[1] }, MONGO_EARTH_RADIUS_M) }))
    .filter((p) => p.distanceM <= q.radius);
}

export async function adminPlaces(q: TAdminPlaceQuery): Promise<{ items: PlaceDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.type) filter.type = q.type;
  if (q.q) filter.name = { $regex: q.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
  const [items, total] = await Promise.all([
    Place.find(filter).sort({ updatedAt: -1, _id: -1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean<PlaceDoc[]>(),
    Place.countDocuments(filter),
  ]);
  return { items, total };
}

/** Hours stored before parsing existed, or by an event, are parsed on the fly. */
export const rulesOf = (p: PlaceDoc) => (p.hours !== undefined ? p.hours : p.openingHours ? parseOpeningHours(p.openingHours) : null);
