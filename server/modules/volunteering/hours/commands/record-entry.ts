import { Types } from 'mongoose';
import type { THoursSource } from '@shared/schemas/volunteering/hours';
import { shanghaiMonth } from '../compute';
import { HoursEntry, type HoursEntryDoc } from '../model';
import { applyTotalsDelta } from '../totals';

export interface NewEntry {
  user: Types.ObjectId;
  team: Types.ObjectId;
  activity: Types.ObjectId | null;
  shift: Types.ObjectId | null;
  signup: Types.ObjectId | null;
  activityTitle: string;
  serviceDate: Date;
  minutes: number;
  source: THoursSource;
  status: 'pending' | 'confirmed';
  dedupeKey: string;
  autoCheckedOut?: boolean;
  corrects?: Types.ObjectId | null;
  reason?: string;
  note?: string;
  createdBy: Types.ObjectId | null;
  confirmedBy?: Types.ObjectId | null;
  at: Date;
}

export type RecordEntryOutcome =
  { outcome: 'recorded'; entry: HoursEntryDoc } | { outcome: 'duplicate'; entry: HoursEntryDoc | null };

const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;

/**
 * Appends one ledger entry and moves the totals. The unique dedupeKey makes this
 * idempotent: recording the same check-out twice (retry, auto check-out racing a
 * manual one) yields "duplicate" and leaves the totals alone.
 */
export async function recordHoursEntry(
  input: NewEntry,
  opts: { inTransaction?: boolean } = {},
): Promise<RecordEntryOutcome> {
  let entry: HoursEntryDoc;
  try {
    const created = await HoursEntry.create({
      user: input.user,
      team: input.team,
      activity: input.activity,
      shift: input.shift,
      signup: input.signup,
      activityTitle: input.activityTitle,
      serviceDate: input.serviceDate,
      period: shanghaiMonth(input.serviceDate),
      minutes: input.minutes,
      source: input.source,
      status: input.status,
      autoCheckedOut: input.autoCheckedOut ?? false,
      corrects: input.corrects ?? null,
      reason: input.reason ?? '',
      note: input.note ?? '',
      dedupeKey: input.dedupeKey,
      createdBy: input.createdBy,
      confirmedBy: input.status === 'confirmed' ? (input.confirmedBy ?? input.createdBy) : null,
      confirmedAt: input.status === 'confirmed' ? input.at : null,
      createdAt: input.at,
    });
    entry = created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Inside a transaction the failed insert has aborted it: no further read is possible, the
    // caller rolls its unit of work back (uow.rollback) with its own refusal.
    if (opts.inTransaction) return { outcome: 'duplicate', entry: null };
    return { outcome: 'duplicate', entry: await HoursEntry.findOne({ dedupeKey: input.dedupeKey }).lean() };
  }
  await applyTotalsDelta(entry.user, entry.team, {
    confirmed: entry.status === 'confirmed' ? entry.minutes : 0,
    pending: entry.status === 'pending' ? entry.minutes : 0,
  });
  return { outcome: 'recorded', entry };
}
