import type { Types } from 'mongoose';
import { findPage } from '../../platform/paging';
import { Team, type TeamDoc, type TTeamStatus } from './model';

/**
 * The Team model's reads and writes for other modules (volunteering founds, certifies, finds and
 * names teams; community maps their bases). Inside a unit of work these calls join its
 * transaction (transactionAsyncLocalStorage), so callers pass no session.
 */

export type TeamBrief = Pick<TeamDoc, '_id' | 'name' | 'status' | 'contact'>;

/** A team's name, status and contact person, or null when there is no such team. */
export const teamBrief = (id: string | Types.ObjectId): Promise<TeamBrief | null> =>
  Team.findById(id, { name: 1, status: 1, contact: 1 }).lean<TeamBrief>().exec();

/** The whole team document, or null. */
export const teamById = (id: string | Types.ObjectId): Promise<TeamDoc | null> => Team.findById(id).lean<TeamDoc>().exec();

/** Team names by id (as strings); unknown ids are left out. */
export async function teamNamesByIds(ids: Types.ObjectId[]): Promise<Map<string, string>> {
  const rows = await Team.find({ _id: { $in: ids } }, { name: 1 }).lean<Pick<TeamDoc, '_id' | 'name'>[]>();
  return new Map(rows.map((t) => [String(t._id), t.name]));
}

/** Whether any of these teams is certified. */
export async function anyCertifiedTeam(ids: Types.ObjectId[]): Promise<boolean> {
  return (await Team.exists({ _id: { $in: ids }, status: 'certified' })) !== null;
}

export const certifiedTeamCount = (): Promise<number> => Team.countDocuments({ status: 'certified' }).exec();

/** Certified teams that have a location: their bases on the community map. */
export const certifiedTeamBases = () =>
  Team.find(
    { status: 'certified', location: { $exists: true } },
    { name: 1, location: 1, serviceArea: 1, updatedAt: 1, createdAt: 1 },
  )
    .lean<Pick<TeamDoc, '_id' | 'name' | 'location' | 'serviceArea' | 'updatedAt' | 'createdAt'>[]>()
    .exec();

/** Teams of one status, one page, oldest application first. */
export const teamsOldestFirst = (status: TTeamStatus, page: { page: number; pageSize: number }) =>
  findPage<TeamDoc>(Team, { status }, { createdAt: 1 }, page);

let geoIndexReady: Promise<unknown> | null = null;
/**
 * The Team schema leaves geo indexes to the reads that query by distance; the 2dsphere index is
 * created on the first such read, once per process.
 */
export function ensureTeamGeoIndex(): Promise<unknown> {
  geoIndexReady ??= Team.collection.createIndex({ location: '2dsphere' }, { name: 'location_2dsphere' }).catch((err) => {
    geoIndexReady = null;
    throw err;
  });
  return geoIndexReady;
}

/** Certified teams nearest first within radiusKm, one page plus one row (to tell whether more follow). */
export async function certifiedTeamsNear(q: { lng: number; lat: number; radiusKm: number; page: number; pageSize: number }) {
  await ensureTeamGeoIndex();
  return Team.aggregate<TeamDoc & { distanceM: number }>([
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
}

// --- Commands ---------------------------------------------------------------

/** A new pending team (an application); inside a unit of work it joins the transaction. */
export async function createPendingTeam(fields: Pick<TeamDoc, 'name' | 'hostOrg' | 'serviceArea' | 'location' | 'contact'>): Promise<TeamDoc> {
  // An array: create() with one document per call joins the transaction.
  const [team] = await Team.create([{ ...fields, status: 'pending' }]);
  return team.toObject<TeamDoc>();
}

/** Decide a pending team: the updated team, or why not (already decided, or no such team). */
export async function decidePendingTeam(
  teamId: string,
  status: 'certified' | 'rejected',
): Promise<{ team: TeamDoc } | { outcome: 'not_found' | 'already_reviewed' }> {
  const team = await Team.findOneAndUpdate({ _id: teamId, status: 'pending' }, { $set: { status } }, { returnDocument: 'after' }).lean<TeamDoc>();
  if (team) return { team };
  return { outcome: (await Team.exists({ _id: teamId })) ? 'already_reviewed' : 'not_found' };
}
