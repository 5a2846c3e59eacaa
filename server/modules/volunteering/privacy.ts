import type { Types } from 'mongoose';
import type { AppDeps } from '../../deps';
import { inUnitOfWork, type UnitOfWork } from '../../platform/unit-of-work';
import { AttendanceEvent } from './attendance';
import { Certificate } from './certificates';
import { Photo, type PhotoDoc } from './gallery';
import { eraseFromLeaderboards } from './stats';
import { HelpRequest } from './help-requests';
import { eraseSignupsOf } from './signups';
import { endMembershipsOf } from './teams';
import { eraseVolunteerProfile } from './volunteers';

/**
 * Volunteering's part of a PIPL account deletion (DELETE /api/me) and export.
 * Kept on purpose: the volunteer number, past signups, the hours ledger and its
 * totals, attendance times — records teams and other volunteers rely on; they
 * point at the user tombstone, which is already anonymous. The leaderboards
 * drop the volunteer (stats/erasure.ts): board rows removed, totals flagged. Every step is
 * idempotent, so a retried deletion completes what a crash interrupted.
 */

const PHOTO_HIDDEN_REASON = 'uploader_deleted';

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

/** Hides the user's photos; their files go after commit (`photos.erased`, volunteering.photo-files). */
async function removePhotos(uow: UnitOfWork, user: Types.ObjectId): Promise<void> {
  const photos = await Photo.find({ uploader: user }, { file: 1, thumbFile: 1 }).lean<PhotoDoc[]>();
  if (!photos.length) return;
  await Photo.updateMany({ uploader: user }, { $set: { status: 'hidden', hiddenReason: PHOTO_HIDDEN_REASON } });
  uow.emit({
    type: 'photos.erased',
    aggregate: `volunteer:${String(user)}`,
    payload: { files: photos.map((p) => ({ file: p.file, thumbFile: p.thumbFile })) },
  });
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
    await removePhotos(uow, user);
    // Times stay as evidence for the kept hours; the volunteer's own location fix goes.
    await AttendanceEvent.updateMany({ user, location: { $exists: true } }, { $unset: { location: 1, accuracyM: 1 } });
  });
}

/**
 * The generic export already dumps every model with a user field (volunteer
 * profile, signups, schedule, hours entries and totals, certificates with
 * serials, memberships, help requests, attendance). Photos name the user as
 * `uploader`, which it does not look for, and carry a secret fetch key.
 */
export async function exportVolunteeringPhotos(user: Types.ObjectId): Promise<unknown> {
  const photos = await Photo.find({ uploader: user }).sort({ createdAt: -1 }).lean<PhotoDoc[]>();
  return {
    photos: photos.map((p) => ({
      id: String(p._id),
      activityId: String(p.activity),
      teamId: String(p.team),
      mime: p.mime,
      bytes: p.bytes,
      sha256: p.sha256,
      status: p.status,
      hiddenReason: p.hiddenReason,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}
