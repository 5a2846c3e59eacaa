import { Types, type QueryFilter } from 'mongoose';
import { findPage } from '../../../platform/paging';
import type { TActivityListQuery, TActivityModerationQuery } from '@shared/schemas/volunteering/activities';
import type { AvailabilityDoc, VolunteerDoc } from '../volunteers';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from './model';
import type { LngLat } from '../attendance';
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

/**
 * Nearby lists are public and the same for everyone asking the same thing, and they are read far
 * more often than activities change. A list's first page is the k nearest matching activities:
 * the engine's $geoNear walks its 2dsphere index outward from the point and stops once it has the
 * page (+1 for hasMore), and only those activities' shifts are read, so a load costs the page's
 * size, not the number of activities around (issue 15: a cache of every candidate in a ~1 km cell
 * grew with density and its reloads blocked the engine's event loop). The page, as its response
 * body, is kept for a few seconds per exact query so that a crowd asking the same list (a shared
 * link, the home screen's default point) is answered without the database. Publishing, editing or
 * cancelling an activity and every change of a shift's counters in this process clear the cache
 * (invalidateActivityLists), so such a change shows on the next request here; other processes see
 * it within NEARBY_TTL_MS. An activity on the page that has ended makes the page stale at once.
 */
export const NEARBY_TTL_MS = 3_000;
const MAX_PAGES = 1_024;

interface CachedPage {
  expiresAt: number;
  /** The earliest end among the listed activities (and the one after them): past it, reload. */
  validUntilMs: number;
  body: string;
}
interface CacheSlot {
  page?: CachedPage;
  /** The one load in flight for this key (callers arriving meanwhile share it). */
  loading?: Promise<CachedPage>;
}
const nearbyCache = new Map<string, CacheSlot>();

let generation = 0;

/** Drops every cached list (call after publish, edit, cancel, and shift counter changes). */
export function invalidateActivityLists(): void {
  generation += 1;
  nearbyCache.clear();
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

/**
 * The matching activities nearest to a point, nearest first (equal distances in id order), with
 * their distance: the engine stops its index walk once it has `skip + limit` of them.
 */
function nearestActivities(point: LngLat, radiusKm: number, filter: QueryFilter<ActivityDoc>, skip: number, limit: number) {
  return Activity.aggregate<ListedActivity>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [point.lng, point.lat] },
        distanceField: 'distanceM',
        maxDistance: radiusKm * 1000,
        query: filter,
        spherical: true,
      },
    },
    // MongoDB leaves equal distances (activities at one address) unordered, so pages of one list
    // could repeat or skip them; the _id tie order makes paging consistent. The embedded engine
    // emits this order itself and still stops its index walk at skip + limit.
    { $sort: { distanceM: 1, _id: 1 } },
    { $skip: skip },
    { $limit: limit },
  ]);
}

/** A page of the activity list as the route answers it: each activity with its places left. */
export async function presentListPage(items: ListedActivity[], hasMore: boolean, q: Pick<TActivityListQuery, 'page' | 'pageSize'>) {
  // The summary counts places only: the shifts' capacity and confirmed count are all it reads.
  const shifts = await shiftsByActivity(
    items.map((a) => a._id),
    { activity: 1, capacity: 1, confirmedCount: 1 },
  );
  return {
    items: items.map((a) => presentActivitySummary(a, shifts.get(String(a._id)) ?? [], a.distanceM)),
    hasMore,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadPage(q: TActivityListQuery & LngLat, now: Date): Promise<CachedPage> {
  const rows = await nearestActivities(q, q.radiusKm, publicFilter(q, now), 0, q.pageSize + 1);
  const body = JSON.stringify(await presentListPage(rows.slice(0, q.pageSize), rows.length > q.pageSize, q));
  // Without `from` the list hides what has ended: once a listed activity (or the one that makes
  // hasMore) ends, the page is no longer the answer. With `from` the filter does not move.
  const validUntilMs = q.from ? Infinity : Math.min(Infinity, ...rows.map((a) => a.endsAt.getTime()));
  return { expiresAt: Date.now() + NEARBY_TTL_MS, validUntilMs, body };
}

/**
 * The first page of a nearby list (a point, no "suitable for me", no search words) as the
 * response body (JSON of { items, hasMore, page, pageSize }, items as presentActivitySummary with
 * distanceM), from the cache or one load; null for later pages (answered by listActivities).
 */
export async function listNearbyCached(q: TActivityListQuery & LngLat, now: Date): Promise<string | null> {
  if (q.page !== 1) return null;
  const key = JSON.stringify([q.lng, q.lat, q.radiusKm, q.pageSize, q.from ?? null, q.to ?? null, q.category ?? null, q.teamId ?? null]);
  let slot = nearbyCache.get(key);
  if (slot?.page && slot.page.validUntilMs <= now.getTime() && !slot.loading) {
    nearbyCache.delete(key);
    slot = undefined;
  }
  if (!slot) {
    if (nearbyCache.size >= MAX_PAGES) nearbyCache.delete(nearbyCache.keys().next().value!);
    slot = {};
    nearbyCache.set(key, slot);
  }
  if (!slot.loading && (!slot.page || slot.page.expiresAt <= Date.now())) {
    const started = generation;
    const current = slot;
    current.loading = loadPage(q, now).finally(() => {
      current.loading = undefined;
    });
    // A load that overlapped an invalidation may hold old data: it answers its own callers
    // but is not kept (the slot itself was dropped by the invalidation).
    void current.loading.then(
      (page) => {
        if (started === generation && nearbyCache.get(key) === current) current.page = page;
      },
      () => undefined,
    );
  }
  // An expired page is refreshed by one load while callers keep getting the expired one (at most
  // NEARBY_TTL_MS plus one load old); with no page yet, or one listing an activity that has
  // ended, callers share the load. An invalidation drops the pages, so nobody is answered from
  // before a change made in this process.
  const page = slot.page && slot.page.validUntilMs > now.getTime() ? slot.page : await slot.loading!;
  // A load started just before a listed activity ended (by an earlier request's clock) is not
  // this request's answer either: then this request reads its own.
  if (page.validUntilMs <= now.getTime()) return (await loadPage(q, now)).body;
  return page.body;
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
    rows = await nearestActivities({ lng: q.lng, lat: q.lat }, q.radiusKm, filter, fetchSkip, fetchLimit);
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
