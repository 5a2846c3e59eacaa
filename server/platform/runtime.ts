/**
 * The platform's background work in an API process: the outbox dispatcher and the invariant
 * repair. `exclusive` means no other process can be writing (the embedded engine locks its
 * data dir): then whatever a crash left behind is repaired before the first request (grace 0)
 * and leases held by the dead process are dropped. Otherwise the periodic repair restores every
 * invariant within REPAIR_GRACE_MS + 2 × REPAIR_EVERY_MS (40 s) of a crash.
 */
import type { AppDeps } from '../deps';
import { repairInvariants, startRepairLoop } from './invariants';
import { dispatchPending, startDispatcher } from './outbox/dispatcher';
import './outbox/invariant';
import { OutboxEvent } from './outbox/model';
import { checkTransactionSupport } from './unit-of-work';

export const DISPATCH_EVERY_MS = 1000;
export const REPAIR_EVERY_MS = 10_000;
export const REPAIR_GRACE_MS = 20_000;

export async function startPlatform(deps: AppDeps, opts: { exclusive: boolean }): Promise<{ stop(): Promise<void> }> {
  await checkTransactionSupport(deps);
  if (opts.exclusive) {
    await OutboxEvent.updateMany({ status: 'pending', leaseUntil: { $ne: null } }, { $unset: { leaseUntil: 1 } });
    const fixed = await repairInvariants(deps, { graceMs: 0 });
    if (fixed > 0) deps.logger.warn({ fixed }, 'repaired what the last run left inconsistent');
  }
  await dispatchPending(deps).catch((err: unknown) => deps.logger.error({ err }, 'outbox dispatch at start failed'));
  const dispatcher = startDispatcher(deps, DISPATCH_EVERY_MS);
  const repair = startRepairLoop(deps, { everyMs: REPAIR_EVERY_MS, graceMs: REPAIR_GRACE_MS });
  return {
    async stop() {
      await dispatcher.stop();
      await repair.stop();
    },
  };
}
