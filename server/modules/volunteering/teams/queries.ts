import { Types } from 'mongoose';
import { findPage } from '../../../platform/paging';
import type { TMembershipQuery, TTeamApplicationsQuery } from '@shared/schemas/volunteering/teams';
import { certifiedTeamsNear, teamById, teamsOldestFirst } from '../../org';
import { displayNames } from '../../users';
import { TeamMembership, TeamProfile, type TeamMembershipDoc, type TeamProfileDoc } from './model';
import { presentMembership, presentTeamDetail } from './presenter';

export async function profilesOf(teamIds: Types.ObjectId[]): Promise<Map<string, TeamProfileDoc>> {
  const rows = await TeamProfile.find({ team: { $in: teamIds } }).lean<TeamProfileDoc[]>();
  return new Map(rows.map((p) => [String(p.team), p]));
}

/** Certified teams nearest first within radiusKm (the volunteer map). */
export async function nearbyTeams(q: { lng: number; lat: number; radiusKm: number; page: number; pageSize: number }) {
  const rows = await certifiedTeamsNear(q);
  const items = rows.slice(0, q.pageSize);
  return { items, hasMore: rows.length > q.pageSize, profiles: await profilesOf(items.map((t) => t._id)) };
}

export async function membershipOf(teamId: string, userId: string | undefined): Promise<TeamMembershipDoc | null> {
  if (!userId || !Types.ObjectId.isValid(userId)) return null;
  return TeamMembership.findOne({ team: teamId, user: userId }).lean<TeamMembershipDoc>();
}

export const findTeam = teamById;
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
  const { items: teams, total } = await teamsOldestFirst(query.status, query);
  const profiles = await profilesOf(teams.map((t) => t._id));
  return { items: teams.map((t) => presentTeamDetail(t, profiles.get(String(t._id)) ?? null, null)), total };
}

/** Whether the user is an active member (any role) of the team. */
export async function isActiveMember(teamId: string | Types.ObjectId, userId: string): Promise<boolean> {
  return (await TeamMembership.exists({ team: teamId, user: userId, status: 'active' })) !== null;
}

/** The teams the user is an active admin of (by membership; role grants are the caller's to check). */
export const teamsAdministeredBy = (userId: Types.ObjectId): Promise<Types.ObjectId[]> =>
  TeamMembership.distinct('team', { user: userId, status: 'active', role: 'admin' }).exec() as Promise<Types.ObjectId[]>;

/** The users who are active admins of the team by membership. */
export async function adminMemberIds(teamId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const rows = await TeamMembership.find({ team: teamId, status: 'active', role: 'admin' }, { user: 1 }).lean<Pick<TeamMembershipDoc, 'user'>[]>();
  return rows.map((m) => m.user);
}
