import { Types } from 'mongoose';
import { Team, type TeamDoc } from '../../org/model';
import { User } from '../../users/model';
import { TeamMembership, TeamProfile, type TeamMembershipDoc, type TeamProfileDoc } from './model';

let geoIndexReady: Promise<unknown> | null = null;
/**
 * org's Team schema leaves geo indexes to the issues that query by distance;
 * this is that issue, so the 2dsphere index is created here, once per process.
 */
export function ensureTeamGeoIndex(): Promise<unknown> {
  geoIndexReady ??= Team.collection.createIndex({ location: '2dsphere' }, { name: 'location_2dsphere' }).catch((err) => {
    geoIndexReady = null;
    throw err;
  });
  return geoIndexReady;
}

export async function profilesOf(teamIds: Types.ObjectId[]): Promise<Map<string, TeamProfileDoc>> {
  const rows = await TeamProfile.find({ team: { $in: teamIds } }).lean<TeamProfileDoc[]>();
  return new Map(rows.map((p) => [String(p.team), p]));
}

/** Certified teams nearest first within radiusKm (the volunteer map). */
export async function nearbyTeams(q: { lng: number; lat: number; radiusKm: number; page: number; pageSize: number }) {
  await ensureTeamGeoIndex();
  const rows = await Team.aggregate<TeamDoc & { distanceM: number }>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [q.lng, q.lat] },
        distanceField: 'distanceM',
        maxDistance: q.radiusKm * 1000,
        query: { status: 'certified' },
        spherical: true,
      },
    },
    { $skip: (q.page - 1) * q.pageSize },
    { $limit: q.pageSize + 1 },
  ]);
  const items = rows.slice(0, q.pageSize);
  return { items, hasMore: rows.length > q.pageSize, profiles: await profilesOf(items.map((t) => t._id)) };
}

export async function membershipOf(teamId: string, userId: string | undefined): Promise<TeamMembershipDoc | null> {
  if (!userId || !Types.ObjectId.isValid(userId)) return null;
  return TeamMembership.findOne({ team: teamId, user: userId }).lean<TeamMembershipDoc>();
}

export async function displayNames(userIds: Types.ObjectId[]): Promise<Map<string, string>> {
  const users = await User.find({ _id: { $in: userIds } }, { displayName: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}
