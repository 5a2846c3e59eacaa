import type { AppDeps } from '../../../../deps';
import { VolunteerSchedule } from '../model';

/**
 * Drops schedule slots (the per-volunteer overlap guard, see
 * signups/commands/placement.ts claimSlot) of shifts that have ended. A slot
 * only matters while a future shift could overlap it, and signups close when
 * a shift starts, so a slot whose end is past can never block anything again;
 * without pruning every schedule grows by one slot per shift forever.
 * One $pull per schedule: idempotent, and safe beside concurrent claims
 * (each is an atomic update of the same document).
 */
export async function pruneScheduleSlots(now: Date): Promise<{ schedules: number }> {
  const res = await VolunteerSchedule.updateMany(
    { slots: { $elemMatch: { end: { $lte: now } } } },
    { $pull: { slots: { end: { $lte: now } } } },
  );
  return { schedules: res.modifiedCount };
}

export const PRUNE_SLOTS_JOB = 'volunteering.schedule-slots.prune';

/** The recurring job (the signups module's `jobs`). */
export const pruneSlotsJob = (deps: AppDeps) => ({
  name: PRUNE_SLOTS_JOB,
  every: '1 hour',
  handler: async (): Promise<void> => {
    const { schedules } = await pruneScheduleSlots(deps.now());
    if (schedules > 0) deps.logger.info({ schedules }, 'past schedule slots pruned');
  },
});
