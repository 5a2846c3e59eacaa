import { Types } from 'mongoose';
import type { TMyCommunity } from '@shared/schemas/community/residents';
import { haversineMetres } from '../../volunteering/attendance';
import { Community } from '../../org';
import { ResidentCommunity, type ResidentCommunityDoc } from './model';

export interface CommunityBrief {
  id: string;
  name: string;
  location: { lng: number; lat: number } | null;
}

/** Communities are few (one district): read once a minute, not per request. */
let cached: { at: number; rows: CommunityBrief[] } | null = null;
const COMMUNITY_TTL_MS = 60_000;

export async function allCommunities(): Promise<CommunityBrief[]> {
  if (cached && Date.now() - cached.at < COMMUNITY_TTL_MS) return cached.rows;
  const docs = await Community.find({}, { name: 1, location: 1 }).sort({ name: 1 }).lean();
  const rows = docs.map((c) => ({
    id: String(c._id),
    name: c.name,
    location: c.location ? { lng: c.location.coordinates[0], lat: c.location.coordinates[1] } : null,
  }));
  cached = { at: Date.now(), rows };
  return rows;
}

/** Forgets the cached list (tests and demo seeding add communities). */
export function forgetCommunities(): void {
  cached = null;
}

export async function findCommunity(id: string): Promise<CommunityBrief | null> {
  const hit = (await allCommunities()).find((c) => c.id === id);
  if (hit) return hit;
  forgetCommunities();
  return (await allCommunities()).find((c) => c.id === id) ?? null;
}

/** The community whose centre is nearest to a GCJ-02 point (null when none has a location). */
export async function nearestCommunity(point: { lng: number; lat: number }): Promise<CommunityBrief | null> {
  let best: { c: CommunityBrief; d: number } | null = null;
  for (const c of await allCommunities()) {
    if (!c.location) continue;
    const d = haversineMetres(point, c.location);
    if (!best || d < best.d) best = { c, d };
  }
  return best?.c ?? null;
}

export const residentOf = (userId: string): Promise<ResidentCommunityDoc | null> =>
  ResidentCommunity.findOne({ user: new Types.ObjectId(userId) }).lean<ResidentCommunityDoc>().exec();

/** The resident's community id, or null (not chosen, or not signed in). */
export async function myCommunityId(userId: string | null | undefined): Promise<string | null> {
  if (!userId || !Types.ObjectId.isValid(userId)) return null;
  const r = await residentOf(userId);
  return r?.community ? String(r.community) : null;
}

export async function presentMine(r: ResidentCommunityDoc | null): Promise<TMyCommunity> {
  const community = r?.community ? await findCommunity(String(r.community)) : null;
  return { community, inferred: r?.inferred ?? false, alerts: r?.alerts ?? false };
}

/**
 * One page of the users who asked for urgent alerts and live in one of the communities (all of
 * them for a district-wide alert), in user id order after `after`: the fan-out sends page by
 * page and keeps the last id, so a crash resumes where it stopped.
 */
export async function alertSubscribers(communityIds: string[], page: { after?: string | null; limit?: number } = {}): Promise<string[]> {
  const filter: Record<string, unknown> = { alerts: true };
  if (communityIds.length) filter.community = { $in: communityIds.map((id) => new Types.ObjectId(id)) };
  if (page.after) filter.user = { $gt: new Types.ObjectId(page.after) };
  const q = ResidentCommunity.find(filter, { user: 1 }).sort({ user: 1 });
  const rows = await (page.limit ? q.limit(page.limit) : q).lean();
  return rows.map((r) => String(r.user));
}
