import { Types } from 'mongoose';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { auditActor } from '../../../../platform/outbox/event';
import { HoursEntry, type HoursEntryDoc } from '../model';
import { recordHoursEntry } from './record-entry';

export type AdjustOutcome =
  | { outcome: 'adjusted'; adjustment: HoursEntryDoc; before: number; after: number }
  | { outcome: 'unchanged'; before: number }
  | { outcome: 'not_confirmed' }
  | { outcome: 'concurrent_adjustment' };

/**
 * Sets the correct minutes for one confirmed entry by appending the difference as an
 * `adjustment` entry (the original is never edited). The n-th correction of an entry has
 * dedupeKey `adj:<entry>:<n>`, so two admins adjusting from the same starting point
 * cannot both apply a difference: the second gets "concurrent_adjustment" and retries.
 * The adjustment entry, its totals and the audited `hours.adjusted` event commit in one unit
 * of work (a lost race rolls it all back); the audit subscriber records the entry after commit.
 */
export function adjustHoursEntry(input: {
  entry: HoursEntryDoc;
  minutes: number;
  reason: string;
  actor: Actor;
  at: Date;
  requestId?: string;
  /** The app's dependencies (the transaction's connection and the event's delivery). */
  deps: AppDeps;
}): Promise<AdjustOutcome> {
  return inUnitOfWork(input.deps, async (uow): Promise<AdjustOutcome> => {
    const { entry } = input;
    if (entry.status !== 'confirmed' || entry.source === 'adjustment') return { outcome: 'not_confirmed' };
    const corrections = await HoursEntry.find({ corrects: entry._id }, { minutes: 1, status: 1 }).lean();
    const before =
      entry.minutes + corrections.filter((c) => c.status === 'confirmed').reduce((s, c) => s + c.minutes, 0);
    const delta = input.minutes - before;
    if (delta === 0) return { outcome: 'unchanged', before };
    const actorId = new Types.ObjectId(input.actor.userId);
    const recorded = await recordHoursEntry(
      {
        user: entry.user,
        team: entry.team,
        activity: entry.activity,
        shift: entry.shift,
        signup: entry.signup,
        activityTitle: entry.activityTitle,
        serviceDate: entry.serviceDate,
        minutes: delta,
        source: 'adjustment',
        status: 'confirmed',
        dedupeKey: `adj:${entry._id.toHexString()}:${corrections.length + 1}`,
        corrects: entry._id,
        reason: input.reason,
        createdBy: actorId,
        confirmedBy: actorId,
        at: input.at,
      },
      { inTransaction: true },
    );
    if (recorded.outcome === 'duplicate') return uow.rollback<AdjustOutcome>({ outcome: 'concurrent_adjustment' });
    uow.emit({
      type: 'hours.adjusted',
      aggregate: `team:${String(entry.team)}`,
      payload: { entryId: entry._id.toHexString(), adjustmentId: recorded.entry._id.toHexString(), delta },
      audit: {
        actor: auditActor(input.actor),
        action: 'hours.adjust',
        target: { type: 'hours_entry', id: entry._id.toHexString() },
        before: { minutes: before },
        after: { minutes: input.minutes, delta, reason: input.reason, adjustmentId: recorded.entry._id.toHexString() },
        requestId: input.requestId,
      },
    });
    return { outcome: 'adjusted', adjustment: recorded.entry, before, after: input.minutes };
  });
}
