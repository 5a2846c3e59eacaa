import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { GALLERY_MAX_PER_USER_PER_ACTIVITY } from '@shared/schemas/volunteering/gallery';
import type { AppDeps } from '../../../../deps';
import type { Actor } from '../../../../http/actor';
import { fail } from '../../../../http/errors';
import { WechatError } from '../../../../wechat';
import { User } from '../../../users/model';
import type { ActivityDoc } from '../../activities/model';
import { Signup } from '../../signups/model';
import { teamPolicy } from '../../teams/policy';
import { intakeImage } from '../image';
import { Photo, type PhotoDoc } from '../model';

export const galleryDir = (deps: AppDeps): string => path.resolve(deps.config.LINLI_DATA_DIR, 'uploads', 'gallery');

/** Participants: a confirmed place (checked in, when the activity uses check-in), or the team's admins. */
export async function canUpload(actor: Actor, activity: ActivityDoc): Promise<boolean> {
  if (await teamPolicy.canManage(actor, activity.team)) return true;
  const filter: Record<string, unknown> = {
    activity: activity._id,
    user: new Types.ObjectId(actor.userId),
    status: 'confirmed',
  };
  if (activity.checkinRequired) filter.checkinAt = { $ne: null };
  return (await Signup.exists(filter)) !== null;
}

/**
 * Stores an on-site photo: type by magic bytes (415 otherwise), well-formed (400), EXIF/XMP
 * and comments stripped so no GPS position or device serial is published, then sent to
 * WeChat's asynchronous image check. It stays `checking` (seen by uploader and team only)
 * until the result arrives. Staff uploads (no openid, attributable) are visible at once.
 */
export async function uploadPhoto(
  deps: AppDeps,
  input: { actor: Actor; activity: ActivityDoc; body: Buffer },
): Promise<{ outcome: 'checking' | 'visible'; photo: PhotoDoc }> {
  if (!(await canUpload(input.actor, input.activity))) throw fail('not_participant');
  const uploader = new Types.ObjectId(input.actor.userId);
  const count = await Photo.countDocuments({ activity: input.activity._id, uploader });
  if (count >= GALLERY_MAX_PER_USER_PER_ACTIVITY)
    throw fail('rate_limited', `每人每个活动最多上传 ${GALLERY_MAX_PER_USER_PER_ACTIVITY} 张照片`);
  const stripped = intakeImage(input.body);
  const id = new Types.ObjectId();
  const rel = path.join(String(input.activity._id), `${String(id)}.${stripped.ext}`);
  const dir = galleryDir(deps);
  await mkdir(path.join(dir, String(input.activity._id)), { recursive: true });
  await writeFile(path.join(dir, rel), stripped.data);

  const fetchKey = randomBytes(16).toString('hex');
  const user = await User.findById(uploader, { openid: 1 }).lean();
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
    file: rel,
    mime: stripped.mime,
    bytes: stripped.data.length,
    sha256: createHash('sha256').update(stripped.data).digest('hex'),
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
