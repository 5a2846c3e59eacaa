import { Types } from 'mongoose';
import { findPage } from '../../../platform/paging';
import type { TMembershipQuery, TTeamApplicationsQuery } from '@shared/schemas/volunteering/teams';
import { Team, type TeamDoc } from '../../org';
import { displayNames } from '../../users';
import { TeamMembership, TeamProfile, type TeamMembershipDoc, type TeamProfileDoc } from './model';
import { presentMembership, presentTeamDetail } from './presenter';

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

export const findTeam = (id: string | Types.ObjectId): Promise<TeamDoc | null> => Team.findById(id).lean<TeamDoc>().exec();
export const profileOf = (team: Types.ObjectId): Promise<TeamProfileDoc | null> =>
  TeamProfile.findOne({ team }).lean<TeamProfileDoc>().exec();

/** A team's members (or, with status=pending, its join requests), admins first. */
export async function members(teamId: string, query: TMembershipQuery) {
  const filter = { team: teamId, status: query.status };
  const { items: rows, total } = await findPage<TeamMembershipDoc>(TeamMembership, filter, { role: 1, createdAt: 1 }, query);
  const names = await displayNames(rows.map((m) => m.user));
  return { items: rows.map((m) => presentMembership(m, names.get(String(m.user)) ?? '')), total };
}

/** Team applications for the district admin, oldest first. */
export async function teamApplications(query: TTeamApplicationsQuery) {
  const filter = { status: query.status };
  const { items: teams, total } = await findPage<TeamDoc>(Team, filter, { createdAt: 1 }, query);
  const profiles = await profilesOf(teams.map((t) => t._id));
  return { items: teams.map((t) => presentTeamDetail(t, profiles.get(String(t._id)) ?? null, null)), total };
}
