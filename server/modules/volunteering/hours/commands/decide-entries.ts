import { Types } from 'mongoose';
import type { TBulkOutcome, TBulkResultDto } from '@shared/schemas/volunteering/hours';
import type { Actor } from '../../../../http/actor';
import type { AppDeps } from '../../../../deps';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork, type UnitOfWork } from '../../../../platform/unit-of-work';
import '../../subscribers';
import { HoursEntry } from '../model';
import { applyTotalsDelta } from '../totals';

export interface DecideInput {
  teamId: string;
  entryIds: string[];
  decision: 'confirmed' | 'rejected';
  reason?: string;
  actor: Actor;
  at: Date;
  requestId?: string;
  /** The app's dependencies (delivers the events at once; without them the dispatcher does). */
  deps?: AppDeps;
}

/**
 * Team admins confirm (or reject) pending entries in bulk. Each entry moves with one
 * guarded update (`status: 'pending'` in the filter), so confirming the same list twice,
 * or two admins at once, moves each entry's minutes exactly once.
 */
export function decideHoursEntries(input: DecideInput): Promise<TBulkResultDto> {
  return inUnitOfWork(input.deps, (uow) => decideIn(uow, input));
}

/**
 * All of one request's moves, their totals and the `hours.confirmed` (or `hours.rejected`)
 * event commit together: a crash never leaves an entry moved without its minutes.
 */
async function decideIn(uow: UnitOfWork, input: DecideInput): Promise<TBulkResultDto> {
  const team = new Types.ObjectId(input.teamId);
  const actorId = new Types.ObjectId(input.actor.userId);
  const results: TBulkResultDto['results'] = [];
  for (const entryId of [...new Set(input.entryIds)]) {
    const moved = await HoursEntry.findOneAndUpdate(
      { _id: new Types.ObjectId(entryId), team, status: 'pending' },
      {
        $set: {
          status: input.decision,
          confirmedBy: actorId,
          confirmedAt: input.at,
          ...(input.decision === 'rejected' ? { reason: input.reason ?? '' } : {}),
        },
      },
      { returnDocument: 'after' },
    ).lean();
    let outcome: TBulkOutcome;
    if (moved) {
      await applyTotalsDelta(moved.user, moved.team, {
        confirmed: input.decision === 'confirmed' ? moved.minutes : 0,
        pending: -moved.minutes,
      });
      outcome = input.decision;
    } else {
      outcome = (await HoursEntry.exists({ _id: new Types.ObjectId(entryId), team })) ? 'not_pending' : 'not_found';
    }
    results.push({ entryId, outcome });
  }
  const done = results.filter((r) => r.outcome === input.decision).map((r) => r.entryId);
  if (done.length > 0) {
    uow.emit({
      type: input.decision === 'confirmed' ? 'hours.confirmed' : 'hours.rejected',
      aggregate: `team:${input.teamId}`,
      payload: { teamId: input.teamId, entryIds: done },
      audit: {
        actor: auditActor(input.actor),
        action: input.decision === 'confirmed' ? 'hours.confirm' : 'hours.reject',
        target: { type: 'team', id: input.teamId },
        after: { entryIds: done, reason: input.reason },
        requestId: input.requestId,
      },
    });
  }
  return {
    results,
    confirmed: input.decision === 'confirmed' ? done.length : 0,
    rejected: input.decision === 'rejected' ? done.length : 0,
    skipped: results.length - done.length,
  };
}
