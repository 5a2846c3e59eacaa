import { Types, type QueryFilter } from 'mongoose';
import type { TActivityListQuery } from '@shared/schemas/volunteering/activities';
import type { AvailabilityDoc, VolunteerDoc } from '../volunteers/model';
import { Activity, Shift, type ActivityDoc, type ShiftDoc } from './model';

export async function shiftsByActivity(ids: Types.ObjectId[]): Promise<Map<string, ShiftDoc[]>> {
  const rows = await Shift.find({ activity: { $in: ids } }).lean<ShiftDoc[]>();
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
  const filter: QueryFilter<ActivityDoc> = { status: 'published', endsAt: { $gt: q.from ? new Date(q.from) : now } };
  if (q.to) filter.startsAt = { $lte: new Date(q.to) };
  if (q.category) filter.category = q.category;
  if (q.teamId) filter.team = new Types.ObjectId(q.teamId);
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
