import { createHash, randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { GALLERY_MAX_PER_USER_PER_ACTIVITY } from '@shared/schemas/volunteering/gallery';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import type { Refusal } from '../../../../platform/outcome';
import { WechatError } from '../../../../wechat';
import { findContact } from '../../../users';
import type { ActivityDoc } from '../../activities';
import { holdsConfirmedPlace } from '../../signups';
import { activityPolicy } from '../../activities';
import { processImage, writeImageFiles } from '../../../../platform/uploads';
import { Photo, type PhotoDoc } from '../model';

export const galleryDir = (deps: AppDeps): string => path.resolve(deps.config.LINLI_DATA_DIR, 'uploads', 'gallery');

/** Removes a photo's image and thumbnail (already gone is fine). */
export async function removePhotoFiles(deps: AppDeps, photo: Pick<PhotoDoc, 'file' | 'thumbFile'>): Promise<void> {
  for (const rel of [photo.file, photo.thumbFile]) {
    if (!rel) continue;
    await unlink(path.join(galleryDir(deps), rel)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}

/** Participants: a confirmed place (checked in, when the activity uses check-in), or the team's admins. */
export async function canUpload(actor: Actor, activity: ActivityDoc): Promise<boolean> {
  if (await activityPolicy.can(actor, 'manageGallery', activity)) return true;
  return holdsConfirmedPlace(activity._id, actor.userId, { checkedIn: activity.checkinRequired });
}

/**
 * Stores an on-site photo through the one image pipeline (platform/uploads: decoded and
 * re-encoded, so no GPS position, device serial or appended picture is published; a 480 px
 * WebP thumbnail for lists), then sent to
 * WeChat's asynchronous image check. It stays `checking` (seen by uploader and team only)
 * until the result arrives. Staff uploads (no openid, attributable) are visible at once.
 */
export async function uploadPhoto(
  deps: AppDeps,
  input: { actor: Actor; activity: ActivityDoc; body: Buffer },
): Promise<{ outcome: 'checking' | 'visible'; photo: PhotoDoc } | Refusal<'not_participant' | 'too_many'>> {
  if (!(await canUpload(input.actor, input.activity))) return { outcome: 'not_participant' };
  const uploader = new Types.ObjectId(input.actor.userId);
  const count = await Photo.countDocuments({ activity: input.activity._id, uploader });
  if (count >= GALLERY_MAX_PER_USER_PER_ACTIVITY) return { outcome: 'too_many' };
  const image = await processImage(input.body);
  const id = new Types.ObjectId();
  const stored = await writeImageFiles(galleryDir(deps), `${String(input.activity._id)}/${String(id)}`, image);

  const fetchKey = randomBytes(16).toString('hex');
  const user = await findContact(uploader);
  let status: 'checking' | 'visible' = user?.openid ? 'checking' : 'visible';
  let traceId: string | undefined;
  if (user?.openid) {
    const mediaUrl = `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/gallery/photos/${String(id)}/file?k=${fetchKey}`;
    try {
      traceId = (await deps.wechat.mediaCheckAsync({ openid: user.openid, mediaUrl, mediaType: 'image', scene: 3 }))
        .traceId;
    } catch (err) {
      if (!(err instanceof WechatError)) throw err;
      // WeChat unreachable: keep it out of public view; a team admin can release it.
      deps.logger.warn({ err, kind: err.kind }, 'media_check_async unavailable: photo held for the team');
      status = 'checking';
    }
  }
  const photo = await Photo.create({
    _id: id,
    activity: input.activity._id,
    team: input.activity.team,
    uploader,
    file: stored.file,
    thumbFile: stored.thumbFile,
    mime: image.mime,
    bytes: image.data.length,
    sha256: createHash('sha256').update(image.data).digest('hex'),
    status,
    traceId,
    fetchKey,
    createdAt: deps.now(),
  });
  return { outcome: status, photo: photo.toObject() };
}

/**
 * Applies WeChat's asynchronous verdict (from the media-check push); only moves photos still
 * `checking`: pass → visible, risky → hidden; review leaves it with the team to decide.
 */
export async function applyMediaCheckResult(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<number> {
  if (suggest === 'review') return 0;
  const res = await Photo.updateMany(
    { traceId, status: 'checking' },
    suggest === 'pass'
      ? { $set: { status: 'visible' } }
      : { $set: { status: 'hidden', hiddenReason: '内容安全检测未通过' } },
  );
  return res.modifiedCount;
}
