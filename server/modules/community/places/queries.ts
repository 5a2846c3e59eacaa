import type { TAdminPlaceQuery, TNearbyQuery } from '@shared/schemas/community/places';
import { haversineMetres } from '../../volunteering/attendance';
import { certifiedTeamBases } from '../../org';
import { parseOpeningHours } from './hours';
import { Place, type PlaceDoc } from './model';

/** The earth radius MongoDB uses for spherical distances: our own distances match $geoNear's. */
const MONGO_EARTH_RADIUS_M = 6378100;

export type NearbyRow = PlaceDoc & { distanceM: number };

/**
 * Nearby lists are public, the same for everyone near one spot, and read far more often than
 * places change: candidates are kept per ~1 km cell (and type) for NEARBY_TTL_MS, loaded once
 * with $geoNear from the cell centre with a margin that covers any point in the cell, then each
 * request measures and sorts its own distances. Place writes in this process clear the cache;
 * another process's writes show within the TTL. A cell too dense to cache is queried directly.
 */
const CELL_DEG = 0.01;
const CELL_MARGIN_M = 1000;
const MAX_CELL_CANDIDATES = 3000;
const NEARBY_TTL_MS = 30_000;
const MAX_CELLS = 500;
interface Candidate {
  p: PlaceDoc;
  at: { lng: number; lat: number };
}
const cells = new Map<string, { at: number; rows: Promise<Candidate[] | null> }>();

export function forgetNearbyCache(): void {
  cells.clear();
}

function cellRows(q: TNearbyQuery): Promise<Candidate[] | null> {
  const cx = Math.round(q.lng / CELL_DEG) * CELL_DEG;
  const cy = Math.round(q.lat / CELL_DEG) * CELL_DEG;
  const key = `${cx.toFixed(2)},${cy.toFixed(2)},${q.radius},${q.type ?? ''}`;
  const hit = cells.get(key);
  if (hit && Date.now() - hit.at < NEARBY_TTL_MS) return hit.rows;
  if (cells.size >= MAX_CELLS) cells.delete(cells.keys().next().value as string);
  const rows = Place.aggregate<PlaceDoc>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [cx, cy] },
        distanceField: 'cellDistanceM',
        maxDistance: q.radius + CELL_MARGIN_M,
        query: q.type ? { type: q.type } : {},
        spherical: true,
      },
    },
    { $limit: MAX_CELL_CANDIDATES + 1 },
  ]).then((r) =>
    r.length > MAX_CELL_CANDIDATES ? null : r.map((p) => ({ p, at: { lng: p.location.coordinates[0], lat: p.location.coordinates[1] } })),
  );
  rows.catch(() => cells.delete(key));
  cells.set(key, { at: Date.now(), rows });
  return rows;
}

/**
 * Places within the radius, nearest first (distances on MongoDB's sphere, as $geoNear measures
 * them, so both engines agree), plus certified volunteer teams' bases (teams are few: read
 * from the team directory and measured here rather than copied into places).
 */
export async function nearbyPlaces(q: TNearbyQuery): Promise<NearbyRow[]> {
  const at = { lng: q.lng, lat: q.lat };
  const [cached, teams] = await Promise.all([
    cellRows(q),
    !q.type || q.type === 'volunteer_station' ? teamBases(q) : Promise.resolve([]),
  ]);
  const places: NearbyRow[] =
    cached === null
      ? await Place.aggregate<NearbyRow>([
          { $geoNear: { near: { type: 'Point', coordinates: [q.lng, q.lat] }, distanceField: 'distanceM', maxDistance: q.radius, query: q.type ? { type: q.type } : {}, spherical: true } },
          { $limit: q.limit },
        ])
      : within(cached, at, q);
  return [...places, ...teams].sort((a, b) => a.distanceM - b.distanceM || String(a._id).localeCompare(String(b._id))).slice(0, q.limit);
}

/** The cached candidates inside this request's circle, nearest first; only the kept ones are copied. */
function within(cands: Candidate[], at: { lng: number; lat: number }, q: TNearbyQuery): NearbyRow[] {
  const hits: { c: Candidate; d: number }[] = [];
  for (const c of cands) {
    const d = haversineMetres(at, c.at, MONGO_EARTH_RADIUS_M);
    if (d <= q.radius) hits.push({ c, d });
  }
  hits.sort((x, y) => x.d - y.d);
  return hits.slice(0, q.limit).map(({ c, d }) => ({ ...c.p, distanceM: d }));
}

let teamCache: { at: number; rows: PlaceDoc[] } | null = null;
const TEAM_TTL_MS = 60_000;

async function teamBases(q: TNearbyQuery): Promise<NearbyRow[]> {
  if (!teamCache || Date.now() - teamCache.at > TEAM_TTL_MS) {
    const teams = await certifiedTeamBases();
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
