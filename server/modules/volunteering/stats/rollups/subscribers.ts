import { Types } from 'mongoose';
import type { Subscriber } from '../../../../platform/outbox/registry';
import { findActivity } from '../../activities';
import { confirmedEntriesByIds } from '../../hours';
import { applyEntry, syncHeld } from './apply';

/** Hours events that confirm ledger entries (the ledger is append-only: nothing else adds confirmed minutes). */
export const ROLLUP_HOURS_EVENTS = ['hours.confirmed', 'hours.adjusted'] as const;
/** Events after which an activity may have started or stopped counting as held, or moved month. */
export const ROLLUP_ACTIVITY_EVENTS = ['activity.published', 'activity.held', 'activity.updated', 'activity.cancelled', 'review.decided'] as const;

const ids = (v: unknown): Types.ObjectId[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && Types.ObjectId.isValid(x)).map((x) => new Types.ObjectId(x));

/**
 * `stats.rollups`: keeps the monthly rollups (hours_rollups and their member and board documents)
 * in step with the ledger. `hours.confirmed` carries the confirmed entries' ids, `hours.adjusted`
 * the adjustment's (appended confirmed, minutes ± the correction); each entry is read back from
 * the ledger (only confirmed ones count) and added by its own minutes. The dispatcher commits the
 * writes with its receipt, so a redelivery adds nothing. Activity events resync the activity's
 * held month from its current state. Drift is repaired by the `hours-rollups` invariant.
 */
export const rollupSubscribers: Subscriber[] = [
  {
    name: 'stats.rollups',
    events: [...ROLLUP_HOURS_EVENTS, ...ROLLUP_ACTIVITY_EVENTS],
    wants: (event) => event.type !== 'review.decided' || event.payload.kind === 'activity',
    handle: async (event) => {
      if ((ROLLUP_HOURS_EVENTS as readonly string[]).includes(event.type)) {
        const wanted = ids(event.type === 'hours.adjusted' ? event.payload.adjustmentId : event.payload.entryIds);
        const entries = await confirmedEntriesByIds(wanted);
        for (const e of entries) await applyEntry(e);
        return;
      }
      const [id] = ids(event.payload.activityId ?? event.payload.id);
      if (!id) return;
      const activity = await findActivity(id);
      const [team] = ids(event.payload.teamId);
      await syncHeld(activity, id, team ?? null);
    },
  },
];
