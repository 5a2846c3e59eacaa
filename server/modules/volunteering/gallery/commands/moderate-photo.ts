import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import { recordAudit } from '../../../audit';
import { Photo, type PhotoDoc } from '../model';
import { removePhotoFiles } from './upload-photo';

/** A team admin shows or hides a photo (with a reason, audited). */
export async function moderatePhoto(
  deps: AppDeps,
  input: { actor: Actor; photo: PhotoDoc; action: 'show' | 'hide'; reason: string; requestId?: string },
): Promise<{ outcome: 'shown' | 'hidden'; photo: PhotoDoc }> {
  const { photo, action } = input;
  const status = action === 'show' ? 'visible' : 'hidden';
  const updated = await Photo.findOneAndUpdate(
    { _id: photo._id },
    action === 'hide' ? { $set: { status, hiddenReason: input.reason } } : { $set: { status }, $unset: { hiddenReason: 1 } },
    { returnDocument: 'after' },
  ).lean<PhotoDoc>();
  await recordAudit({
    actor: input.actor,
    action: `gallery.${action}`,
    target: { type: 'photo', id: String(photo._id) },
    before: { status: photo.status },
    after: { status, reason: input.reason },
    requestId: input.requestId,
    at: deps.now(),
  });
  return { outcome: action === 'show' ? 'shown' : 'hidden', photo: updated ?? { ...photo, status } };
}

/** The uploader or a team admin deletes a photo and its files (audited); deleting twice is harmless. */
export async function deletePhoto(
  deps: AppDeps,
  input: { actor: Actor; photo: PhotoDoc; requestId?: string },
): Promise<{ outcome: 'deleted' | 'already_gone' }> {
  const { photo } = input;
  // The document goes first: a file left behind by a crash is unreachable, never the reverse.
  const gone = await Photo.findOneAndDelete({ _id: photo._id }).lean<PhotoDoc>();
  if (!gone) return { outcome: 'already_gone' };
  await removePhotoFiles(deps, gone);
  await recordAudit({
    actor: input.actor,
    action: 'gallery.delete',
    target: { type: 'photo', id: String(photo._id) },
    before: { status: photo.status, uploader: String(photo.uploader), activity: String(photo.activity) },
    after: null,
    requestId: input.requestId,
    at: deps.now(),
  });
  return { outcome: 'deleted' };
}
