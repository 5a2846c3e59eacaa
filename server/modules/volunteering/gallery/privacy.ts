import type { Types } from 'mongoose';
import type { UnitOfWork } from '../../../platform/unit-of-work';
import { Photo, type PhotoDoc } from './model';

const PHOTO_HIDDEN_REASON = 'uploader_deleted';

/**
 * A deleted account's photos (volunteering's privacy erase, inside its unit of work): hidden at
 * once; their files go after commit (`photos.erased`, volunteering.photo-files).
 */
export async function hidePhotosOf(uow: UnitOfWork, user: Types.ObjectId): Promise<void> {
  const photos = await Photo.find({ uploader: user }, { file: 1, thumbFile: 1 }).lean<PhotoDoc[]>();
  if (!photos.length) return;
  await Photo.updateMany({ uploader: user }, { $set: { status: 'hidden', hiddenReason: PHOTO_HIDDEN_REASON } });
  uow.emit({
    type: 'photos.erased',
    aggregate: `volunteer:${String(user)}`,
    payload: { files: photos.map((p) => ({ file: p.file, thumbFile: p.thumbFile })) },
  });
}

/**
 * The user's photos for a PIPL export. The generic export looks for a user field; photos name
 * the user as `uploader` and carry a secret fetch key, which stays out.
 */
export async function photosExportOf(user: Types.ObjectId): Promise<unknown> {
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
