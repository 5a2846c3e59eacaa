import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { inUnitOfWork } from '../../platform/unit-of-work';
import { forgetAttendanceLocationsOf } from './attendance';
import { revokeCertificatesOf } from './certificates';
import { hidePhotosOf } from './gallery';
import { eraseFromLeaderboards } from './stats';
import { eraseHelpRequestsOf } from './help-requests';
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

/** In the deletion's unit of work (or one of its own): every step and its events commit together. */
export function eraseVolunteeringData(user: Types.ObjectId, now: Date, deps: AppDeps): Promise<void> {
  return inUnitOfWork(deps, async (uow) => {
    await eraseSignupsOf(deps, user, now);
    await eraseVolunteerProfile(user, now);
    // after deletedAt is set: a late rollup delivery then leaves the boards alone too
    await eraseFromLeaderboards(user);
    await revokeCertificatesOf(user, now);
    await endMembershipsOf(uow, user, now);
    await eraseHelpRequestsOf(user, now);
    await hidePhotosOf(uow, user);
    await forgetAttendanceLocationsOf(user);
  });
}
