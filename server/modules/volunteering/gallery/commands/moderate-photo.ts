import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import { auditActor } from '../../../../platform/outbox/event';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { Photo, type PhotoDoc } from '../model';
import { removePhotoFiles } from './upload-photo';

/** A team admin shows or hides a photo (with a reason); the move and its audited `photo.*` event commit together. */
export async function moderatePhoto(
  deps: AppDeps,
  input: { actor: Actor; photo: PhotoDoc; action: 'show' | 'hide'; reason: string; requestId?: string },
): Promise<{ outcome: 'shown' | 'hidden'; photo: PhotoDoc }> {
  const { photo, action } = input;
  const status = action === 'show' ? 'visible' : 'hidden';
  const updated = await inUnitOfWork(deps, async (uow) => {
    const doc = await Photo.findOneAndUpdate(
      { _id: photo._id },
      action === 'hide' ? { $set: { status, hiddenReason: input.reason } } : { $set: { status }, $unset: { hiddenReason: 1 } },
      { returnDocument: 'after' },
    ).lean<PhotoDoc>();
    uow.emit({
      type: action === 'show' ? 'photo.shown' : 'photo.hidden',
      aggregate: `photo:${String(photo._id)}`,
      payload: { photoId: String(photo._id), status },
      audit: {
        actor: auditActor(input.actor),
        action: `gallery.${action}`,
        target: { type: 'photo', id: String(photo._id) },
        before: { status: photo.status },
        after: { status, reason: input.reason },
        requestId: input.requestId,
      },
    });
    return doc;
  });
  return { outcome: action === 'show' ? 'shown' : 'hidden', photo: updated ?? { ...photo, status } };
}

/**
 * The uploader or a team admin deletes a photo and its files; deleting twice is harmless. The
 * document and its audited `photo.deleted` event commit together; the files go after commit.
 */
export async function deletePhoto(
  deps: AppDeps,
  input: { actor: Actor; photo: PhotoDoc; requestId?: string },
): Promise<{ outcome: 'deleted' | 'already_gone' }> {
  const { photo } = input;
  // The document goes first: a file left behind by a crash is unreachable, never the reverse.
  const gone = await inUnitOfWork(deps, async (uow) => {
    const doc = await Photo.findOneAndDelete({ _id: photo._id }).lean<PhotoDoc>();
    if (!doc) return null;
    uow.emit({
      type: 'photo.deleted',
      aggregate: `photo:${String(photo._id)}`,
      payload: { photoId: String(photo._id) },
      audit: {
        actor: auditActor(input.actor),
        action: 'gallery.delete',
        target: { type: 'photo', id: String(photo._id) },
        before: { status: photo.status, uploader: String(photo.uploader), activity: String(photo.activity) },
        after: null,
        requestId: input.requestId,
      },
    });
    return doc;
  });
  if (!gone) return { outcome: 'already_gone' };
  await removePhotoFiles(deps, gone);
  return { outcome: 'deleted' };
}
