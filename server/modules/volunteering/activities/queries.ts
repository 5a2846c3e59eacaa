import { Types, type QueryFilter } from 'mongoose';
import { findPage } from '../../../platform/paging';
import type { TActivityListQuery, TActivityModerationQuery } from '@shared/schemas/volunteering/activities';
import type { AvailabilityDoc, VolunteerDoc } from '../volunteers';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from './model';
import { haversineMetres, type LngLat } from '../attendance';
import { presentActivityDetail, presentActivitySummary } from './presenter';
import { bookings } from './bookings';

export async function shiftsByActivity(
  ids: Types.ObjectId[],
  projection?: Record<string, 1>,
): Promise<Map<string, ShiftDoc[]>> {
  const rows = await Shift.find({ activity: { $in: ids } }, projection).lean<ShiftDoc[]>();
  const map = new Map<string, ShiftDoc[]>();
  for (const s of rows) map.set(String(s.activity), [...(map.get(String(s.activity)) ?? []), s]);
  return map;
}

/** Start falls inside one of the volunteer's weekly availability windows (Asia/Shanghai). */
export function fitsAvailability(start: Date, slots: AvailabilityDoc[]): boolean {
  if (slots.length === 0) return true;
  const local = new Date(start.getTime() + 8 * 3600_000);
  const weekday = local.getUTCDay();
  const hhmm = local.toISOString().slice(11, 16);
  return slots.some((s) => s.weekday === weekday && s.from <= hhmm && hhmm < s.to);
}

function fitsAreas(a: ActivityDoc, areas: string[]): boolean {
  return areas.length === 0 || areas.some((area) => a.address.includes(area) || a.teamName.includes(area));
}

export type ListedActivity = ActivityDoc & { distanceM?: number };

/** The earth radius MongoDB uses for spherical distances (metres): lists match $geoNear's. */
const MONGO_EARTH_RADIUS_M = 6_378_100;

/**
 * Nearby lists are public and the same for everyone near one place, and they are read far more
 * often than activities change. So the candidates around a ~1 km cell (activities within the
 * radius plus the cell's half-diagonal of its centre, with their shifts) are cached for a few
 * seconds per cell and filter set; each request then computes exact distances from its own point,
 * applies the radius, sorts and pages in memory. Publishing, editing or cancelling an activity and
 * every change of a shift's counters in this process clear the cache (invalidateActivityLists),
 * so such a change shows on the next request here; other processes see it within NEARBY_TTL_MS.
 */
export const NEARBY_TTL_MS = 3_000;
const CELL_DEG = 0.01;
/** Half-diagonal of a CELL_DEG cell at the equator (the widest), rounded up. */
const CELL_MARGIN_M = 800;
/** More candidates than this and the cell is not cached (answered by the database directly). */
const MAX_CANDIDATES = 2_000;
const MAX_CELLS = 512;
/** Bound on the candidates held in all cells together (each ~0.5 KB of JSON). */
const MAX_CACHED_CANDIDATES = 50_000;

/** One cached candidate: what the per-request work needs, and its presented summary as JSON. */
interface Candidate {
  id: string;
  at: LngLat;
  endsAtMs: number;
  /** presentActivitySummary(...) serialised without distanceM. */
  json: string;
}
interface CachedCell {
  expiresAt: number;
  /** null: too many candidates to cache. */
  rows: Candidate[] | null;
}
interface CacheSlot {
  cell?: CachedCell;
  /** The one load in flight for this key (callers arriving meanwhile share it). */
  loading?: Promise<CachedCell>;
}
const nearbyCache = new Map<string, CacheSlot>();
let cachedCandidates = 0;

function evictOldest(): void {
  const oldest = nearbyCache.keys().next();
  if (oldest.done) return;
  cachedCandidates -= nearbyCache.get(oldest.value)?.cell?.rows?.length ?? 0;
  nearbyCache.delete(oldest.value);
}
/** What presentActivitySummary shows (descriptions stay in the database). */
const LIST_FIELDS = {
  team: 1,
  teamName: 1,
  title: 1,
  coverUrl: 1,
  address: 1,
  location: 1,
  category: 1,
  status: 1,
  startsAt: 1,
  endsAt: 1,
  signupDeadline: 1,
} as const;
let generation = 0;

/** Drops every cached list (call after publish, edit, cancel, and shift counter changes). */
export function invalidateActivityLists(): void {
  generation += 1;
  nearbyCache.clear();
  cachedCandidates = 0;
}

function publicFilter(q: TActivityListQuery, now: Date): QueryFilter<ActivityDoc> {
  const filter: QueryFilter<ActivityDoc> = { status: 'published', endsAt: { $gt: q.from ? new Date(q.from) : now } };
  if (q.to) filter.startsAt = { $lte: new Date(q.to) };
  if (q.category) filter.category = q.category;
  if (q.teamId) filter.team = new Types.ObjectId(q.teamId);
  const words = searchWords(q.q);
  // Every word must appear in the title or the description (a plain substring: Chinese has no spaces).
  if (words.length) filter.$and = words.map((w) => ({ $or: [{ title: w }, { description: w }] }));
  return filter;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The search box's words as case-insensitive literal patterns (at most 5). */
function searchWords(q: string | undefined): RegExp[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => new RegExp(escapeRegex(w), 'i'));
}

async function loadCell(q: TActivityListQuery, center: [number, number], now: Date): Promise<CachedCell> {
  const rows = await Activity.aggregate<ListedActivity>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: center },
        distanceField: 'distanceM',
        maxDistance: q.radiusKm * 1000 + CELL_MARGIN_M,
        query: publicFilter(q, now),
        spherical: true,
      },
    },
    { $limit: MAX_CANDIDATES + 1 },
    { $project: LIST_FIELDS },
  ]);
  if (rows.length > MAX_CANDIDATES) return { expiresAt: Date.now() + NEARBY_TTL_MS, rows: null };
  const byActivity = await shiftsByActivity(
    rows.map((a) => a._id),
    { activity: 1, capacity: 1, confirmedCount: 1 },
  );
  const candidates = rows.map((a) => ({
    id: String(a._id),
    at: { lng: a.location.coordinates[0], lat: a.location.coordinates[1] },
    endsAtMs: a.endsAt.getTime(),
    json: JSON.stringify(presentActivitySummary(a, byActivity.get(String(a._id)) ?? [])),
  }));
  return { expiresAt: Date.now() + NEARBY_TTL_MS, rows: candidates };
}

/**
 * The nearby list (a point, no "suitable for me") from the per-cell cache as the response body
 * (JSON of { items, hasMore, page, pageSize }, items as presentActivitySummary with distanceM),
 * or null when the cell has too many candidates to cache.
 */
export async function listNearbyCached(
  q: TActivityListQuery & { lng: number; lat: number },
  now: Date,
): Promise<string | null> {
  const cell: [number, number] = [Math.round(q.lng / CELL_DEG) * CELL_DEG, Math.round(q.lat / CELL_DEG) * CELL_DEG];
  // `from` defaults to now: entries are filtered again against the request's own time below.
  const key = JSON.stringify([cell, q.radiusKm, q.from ?? null, q.to ?? null, q.category ?? null, q.teamId ?? null]);
  let slot = nearbyCache.get(key);
  if (!slot) {
    if (nearbyCache.size >= MAX_CELLS) evictOldest();
    slot = {};
    nearbyCache.set(key, slot);
  }
  if (!slot.loading && (!slot.cell || slot.cell.expiresAt <= Date.now())) {
    const started = generation;
    const current = slot;
    current.loading = loadCell(q, cell, now).finally(() => {
      current.loading = undefined;
    });
    // A load that overlapped an invalidation may hold old data: it answers its own callers
    // but is not kept (the slot itself was dropped by the invalidation).
    void current.loading.then(
      (c) => {
        if (started !== generation || nearbyCache.get(key) !== current) return;
        cachedCandidates += (c.rows?.length ?? 0) - (current.cell?.rows?.length ?? 0);
        current.cell = c;
        while (cachedCandidates > MAX_CACHED_CANDIDATES && nearbyCache.size > 1) evictOldest();
      },
      () => undefined,
    );
  }
  // An expired cell is refreshed by one load while callers keep getting the expired one (at most
  // NEARBY_TTL_MS plus one load old); with no cell yet, callers share the load. An invalidation
  // drops the cells, so nobody is answered from before a change made in this process.
  const entry = slot.cell ?? (await slot.loading!);
  if (!entry.rows) return null;
  const point: LngLat = { lng: q.lng, lat: q.lat };
  const after = q.from ? new Date(q.from).getTime() : now.getTime();
  const maxM = q.radiusKm * 1000;
  const hits: { c: Candidate; d: number }[] = [];
  for (const c of entry.rows) {
    if (c.endsAtMs <= after) continue;
    const d = haversineMetres(point, c.at, MONGO_EARTH_RADIUS_M);
    if (d <= maxM) hits.push({ c, d });
  }
  hits.sort((x, y) => x.d - y.d || (x.c.id < y.c.id ? -1 : x.c.id > y.c.id ? 1 : 0));
  const skip = (q.page - 1) * q.pageSize;
  const page = hits.slice(skip, skip + q.pageSize);
  // The cached summaries are spliced in as JSON, with this caller's distance added to each.
  const items = page.map(({ c, d }) => `{"distanceM":${Math.round(d)},${c.json.slice(1)}`);
  const hasMore = hits.length > skip + q.pageSize;
  return `{"items":[${items.join(',')}],"hasMore":${hasMore},"page":${q.page},"pageSize":${q.pageSize}}`;
}

/**
 * Discovery. Upcoming published activities, filtered by date, category and
 * team; with a point, nearest first ($geoNear on the 2dsphere index),
 * otherwise soonest first. `suitable` (volunteer given) keeps activities whose
 * required skills the volunteer has; service areas and weekly availability
 * are then applied to a bounded candidate set.
 */
export async function listActivities(
  q: TActivityListQuery,
  now: Date,
  volunteer: VolunteerDoc | null,
): Promise<{ items: ListedActivity[]; hasMore: boolean }> {
  const filter = publicFilter(q, now);
  const suitable = q.suitable && volunteer;
  if (suitable) filter.requiredSkills = { $not: { $elemMatch: { $nin: volunteer.skills } } };

  const skip = (q.page - 1) * q.pageSize;
  const post = suitable && (volunteer.serviceAreas.length > 0 || volunteer.availability.length > 0);
  // With post-filters we page over a bounded candidate window instead of the database.
  const fetchSkip = post ? 0 : skip;
  const fetchLimit = post ? 500 : q.pageSize + 1;

  let rows: ListedActivity[];
  if (q.lng !== undefined && q.lat !== undefined) {
    rows = await Activity.aggregate<ListedActivity>([
      {
        $geoNear: {
          near: { type: 'Point', coordinates: [q.lng, q.lat] },
          distanceField: 'distanceM',
          maxDistance: q.radiusKm * 1000,
          query: filter,
          spherical: true,
        },
      },
      { $skip: fetchSkip },
      { $limit: fetchLimit },
    ]);
  } else {
    rows = await Activity.find(filter).sort({ startsAt: 1, _id: 1 }).skip(fetchSkip).limit(fetchLimit).lean<ListedActivity[]>();
  }
  if (post) {
    rows = rows
      .filter((a) => fitsAreas(a, volunteer.serviceAreas) && fitsAvailability(a.startsAt, volunteer.availability))
      .slice(skip, skip + q.pageSize + 1);
  }
  return { items: rows.slice(0, q.pageSize), hasMore: rows.length > q.pageSize };
}

/** One activity or shift by id (null when unknown), for handlers that authorise on it. */
export const findActivity = (id: string | Types.ObjectId): Promise<ActivityDoc | null> =>
  Activity.findById(id).lean<ActivityDoc>().exec();
/** Activity titles by id (notices, appeals and check-outs name the activity, nothing more). */
export async function activityTitles(ids: readonly (string | Types.ObjectId)[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await Activity.find({ _id: { $in: ids } }, { title: 1 }).lean<Pick<ActivityDoc, '_id' | 'title'>[]>();
  return new Map(rows.map((a) => [String(a._id), a.title]));
}

/** Activities by id, whole (lists and batches that show or act on several at once). */
export const findActivities = (ids: readonly (string | Types.ObjectId)[]): Promise<ActivityDoc[]> =>
  ids.length === 0 ? Promise.resolve([]) : Activity.find({ _id: { $in: ids } }).lean<ActivityDoc[]>().exec();

/** Cancelled activities not yet over (their signups are released by the signups sweep), at most `limit`. */
export const cancelledActivitiesNotOver = (now: Date, limit: number): Promise<Pick<ActivityDoc, '_id' | 'title' | 'cancelReason'>[]> =>
  Activity.find({ status: 'cancelled', endsAt: { $gt: now } }, { _id: 1, title: 1, cancelReason: 1 })
    .limit(limit)
    .lean<Pick<ActivityDoc, '_id' | 'title' | 'cancelReason'>[]>()
    .exec();

export const findShift = (id: string | Types.ObjectId): Promise<ShiftDoc | null> => Shift.findById(id).lean<ShiftDoc>().exec();

export const shiftsOf = (activity: Types.ObjectId): Promise<ShiftDoc[]> => Shift.find({ activity }).lean<ShiftDoc[]>().exec();

/** Shifts by id (ids that are not shifts are left out). */
export const shiftsByIds = (ids: readonly Types.ObjectId[]): Promise<ShiftDoc[]> =>
  Shift.find({ _id: { $in: [...ids] } }).lean<ShiftDoc[]>().exec();

/** A shift of the given activity, or null (a shift id from another activity is unknown here). */
export const findShiftOf = (activity: Types.ObjectId, shiftId: string | Types.ObjectId): Promise<ShiftDoc | null> =>
  Shift.findOne({ _id: shiftId, activity }).lean<ShiftDoc>().exec();

/** Shifts whose times changed since `since` and that start after `now` (their signups may need moving). */
export const shiftsMovedSince = (since: Date, now: Date): Promise<ShiftDoc[]> =>
  Shift.find({ timesChangedAt: { $gte: since }, start: { $gt: now } }).lean<ShiftDoc[]>().exec();

/** Every shift's counters, or only those of shifts ending after `endAfter`. */
export const shiftCounters = (endAfter?: Date): Promise<Pick<ShiftDoc, '_id' | 'confirmedCount' | 'waitingCount' | 'waitSeq'>[]> =>
  Shift.find(endAfter ? { end: { $gt: endAfter } } : {}, { confirmedCount: 1, waitingCount: 1, waitSeq: 1 })
    .lean<Pick<ShiftDoc, '_id' | 'confirmedCount' | 'waitingCount' | 'waitSeq'>[]>()
    .exec();

/** Activities in these statuses, their team and start only, streamed (the statistics rebuild reads them all). */
export const activityStartsCursor = (statuses: readonly ActivityDoc['status'][]) =>
  Activity.find({ status: { $in: [...statuses] } }, { team: 1, startsAt: 1 })
    .lean<Pick<ActivityDoc, '_id' | 'team' | 'startsAt'>[]>()
    .cursor({ batchSize: 5000 });

/** An activity's page: its shifts, and the caller's own signups to it (latest first). */
export async function activityWithMySignups(a: ActivityDoc, userId: string | null, canManage: boolean) {
  const [shifts, mySignups] = await Promise.all([shiftsOf(a._id), userId ? bookings().mySignups(a, userId) : []]);
  return {
    activity: presentActivityDetail(a, shifts, canManage),
    mySignups,
    canManage,
  };
}

/** Every activity of a team, held and refused ones included, with moderation state (team admins). */
export async function teamActivities(teamId: string, query: TActivityModerationQuery) {
  const filter = { team: new Types.ObjectId(teamId) };
  const { items, total } = await findPage<ActivityDoc>(Activity, filter, { startsAt: -1, _id: -1 }, query);
  const shifts = await shiftsByActivity(items.map((a) => a._id));
  const details = items.map((a) => presentActivityDetail(a, shifts.get(String(a._id)) ?? [], true));
  return { items: details, total, page: query.page, pageSize: query.pageSize };
}
