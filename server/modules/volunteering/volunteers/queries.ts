import type { Types } from 'mongoose';
import type { TNoShowAppealRow } from '@shared/schemas/volunteering/volunteers';
import { activityTitles } from '../activities';
import { Volunteer, type NoShowEventDoc, type VolunteerDoc } from './model';
import { presentNoShowEvent } from './presenter';

/** Read paths of volunteer records (no writes). */

/** The volunteer record of a user, or null when they have not registered. */
export const findVolunteerByUser = (userId: string): Promise<VolunteerDoc | null> =>
  Volunteer.findOne({ user: userId }).lean<VolunteerDoc>().exec();

/** One no-show event of a volunteer, or null. */
export async function findNoShowEvent(userId: string, eventId: string): Promise<NoShowEventDoc | null> {
  const v = await Volunteer.findOne({ user: userId, 'noShowEvents._id': eventId }).lean<VolunteerDoc>();
  return v?.noShowEvents.find((e) => String(e._id) === eventId) ?? null;
}

/** A team's pending no-show appeals (at most 200 volunteers' worth), with the activity titles. */
export async function pendingAppeals(teamId: string, now: Date): Promise<TNoShowAppealRow[]> {
  const vols = await Volunteer.find({ noShowEvents: { $elemMatch: { team: teamId, 'appeal.status': 'pending' } } })
    .limit(200)
    .lean<VolunteerDoc[]>();
  const pending = vols.flatMap((v) =>
    v.noShowEvents.filter((e) => String(e.team) === teamId && e.appeal?.status === 'pending').map((e) => ({ v, e })),
  );
  const activityIds = [...new Set(pending.flatMap(({ e }) => (e.activity ? [String(e.activity)] : [])))];
  const titles = await activityTitles(activityIds);
  return pending.map(({ v, e }) => ({
    userId: String(v.user),
    volunteerNo: v.volunteerNo,
    nameMasked: v.nameMasked,
    activityTitle: e.activity ? (titles.get(String(e.activity)) ?? null) : null,
    event: presentNoShowEvent(e, now),
  }));
}

/** The volunteer records of these users (whole documents); users who have not registered are left out. */
export const volunteersOfUsers = (users: Types.ObjectId[]): Promise<VolunteerDoc[]> =>
  Volunteer.find({ user: { $in: users } }).lean<VolunteerDoc[]>().exec();

export type VolunteerCard = Pick<VolunteerDoc, '_id' | 'user' | 'volunteerNo' | 'nameMasked'>;
/** Number and masked name of these users' volunteer records (review queues show them). */
export const volunteerCardsOf = (users: Types.ObjectId[]): Promise<VolunteerCard[]> =>
  Volunteer.find({ user: { $in: users } }, { user: 1, volunteerNo: 1, nameMasked: 1 }).lean<VolunteerCard[]>().exec();

/** Which of these users have registered as volunteers (their ids as strings). */
export async function registeredUsers(users: Array<Types.ObjectId | string>): Promise<string[]> {
  const rows = await Volunteer.find({ user: { $in: users } }, { user: 1 }).lean<Pick<VolunteerDoc, 'user'>[]>();
  return rows.map((v) => String(v.user));
}

/**
 * Registered volunteers (never deleted: erasure anonymises the record). From the collection's
 * metadata, not a scan: the district dashboard reads it on every visit, at 250,000 volunteers.
 */
export const volunteerCount = (): Promise<number> => Volunteer.estimatedDocumentCount().exec();

/** Every volunteer's (or these users') minute counters, streamed in batches (the hours reconciliation). */
export const volunteerMinutes = (users?: Types.ObjectId[]) =>
  Volunteer.find(users ? { user: { $in: users } } : {}, { user: 1, confirmedMinutes: 1, totalMinutes: 1 })
    .lean<Pick<VolunteerDoc, '_id' | 'user' | 'confirmedMinutes' | 'totalMinutes'>>()
    .cursor({ batchSize: 5000 });
