import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { AttendanceEvent } from './attendance';
import { Certificate } from './certificates';
import { hidePhotosOf } from './gallery';
import { eraseFromLeaderboards } from './stats';
import { HelpRequest } from './help-requests';
import { eraseSignupsOf } from './signups';
import { endMembershipsOf } from './teams';
import { eraseVolunteerProfile } from './volunteers';

/**
 * Volunteering's part of a PIPL account deletion (DELETE /api/me); its export is the gallery's
 * photos (gallery/privacy.ts), the generic export covers the rest.
 * Kept on purpose: the volunteer number, past signups, the hours ledger and its
 * totals, attendance times — records teams and other volunteers rely on; they
 * point at the user tombstone, which is already anonymous. The leaderboards
 * drop the volunteer (stats/erasure.ts): board rows removed, totals flagged. Every step is
 * idempotent, so a retried deletion completes what a crash interrupted.
 */

async function closeHelpRequests(user: Types.ObjectId, now: Date): Promise<void> {
  await HelpRequest.updateMany(
    { author: user, status: { $in: ['pending_review', 'published', 'taken'] } },
    { $set: { status: 'closed', closedAt: now } },
  );
  await HelpRequest.updateMany(
    { author: user, $or: [{ description: { $ne: '' } }, { address: { $ne: '' } }, { location: { $exists: true } }] },
    { $set: { description: '', address: '' }, $unset: { location: 1 } },
  );
}

/** In the deletion's unit of work (or one of its own): every step and its events commit together. */
export function eraseVolunteeringData(user: Types.ObjectId, now: Date, deps: AppDeps): Promise<void> {
  return inUnitOfWork(deps, async (uow) => {
    await eraseSignupsOf(deps, user, now);
    await eraseVolunteerProfile(user, now);
    // after deletedAt is set: a late rollup delivery then leaves the boards alone too
    await eraseFromLeaderboards(user);
    await Certificate.updateMany({ user, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
    await endMembershipsOf(uow, user, now);
    await closeHelpRequests(user, now);
    await hidePhotosOf(uow, user);
    // Times stay as evidence for the kept hours; the volunteer's own location fix goes.
    await AttendanceEvent.updateMany({ user, location: { $exists: true } }, { $unset: { location: 1, accuracyM: 1 } });
  });
}
