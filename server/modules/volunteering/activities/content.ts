import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import { WechatError } from '../../../wechat';
import type { TFieldError } from '@shared/errors';
import { checkText, type TCheckOutcome, type TSceneName, type TTextVerdict } from '../../content';
import { findContact } from '../../users';
import { isVisibleTeamPhoto } from '../gallery';

/**
 * Runs user-written volunteering text through the content check with the
 * author's openid. Risky text is the `content_risky` verdict at its field paths (the route
 * answers it with contentRiskyAnswer); 'review' for callers that hold content for moderation.
 */
export async function ensureTextAllowed(
  deps: AppDeps,
  authorId: string,
  fields: { path: string; text: string | undefined }[],
  scene: TSceneName = 'forum',
): Promise<TTextVerdict> {
  const author = await findContact(authorId);
  return checkText(deps, {
    openid: author?.openid,
    fields: Object.fromEntries(fields.map((f) => [f.path, f.text])),
    scene,
  });
}

const GALLERY_FILE = /^\/api\/gallery\/photos\/([0-9a-f]{24})\/file$/;

/**
 * Cover images. A photo from the team's own gallery that already passed
 * WeChat's image check is fine at once. Any other image (an outside https
 * address, or a photo still being checked) is sent to WeChat's asynchronous
 * image check and the content is held for a district admin ('review'): its
 * verdict arrives later by push, and an unchecked image must not go public
 * meanwhile. Staff accounts have no openid, so WeChat cannot check their
 * images: a staff cover that is not such a gallery photo is held for the
 * 内容审核 queue, where a person looks at it.
 */
export async function checkCover(
  deps: AppDeps,
  authorId: string,
  teamId: Types.ObjectId | string,
  coverUrl: string | undefined,
): Promise<{ outcome: TCheckOutcome; traceId?: string }> {
  if (!coverUrl) return { outcome: 'pass' };
  const own = GALLERY_FILE.exec(coverUrl);
  if (own) {
    if (await isVisibleTeamPhoto(own[1], teamId)) return { outcome: 'pass' };
  }
  const author = await findContact(authorId);
  if (!author?.openid) return { outcome: 'review' };
  const mediaUrl = coverUrl.startsWith('/') ? `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${coverUrl}` : coverUrl;
  try {
    const { traceId } = await deps.wechat.mediaCheckAsync({ openid: author.openid, mediaUrl, mediaType: 'image', scene: 3 });
    return { outcome: 'review', traceId };
  } catch (err) {
    if (!(err instanceof WechatError)) throw err;
    deps.logger.warn({ err, kind: err.kind }, 'media_check_async unavailable: activity cover held for review');
    return { outcome: 'review' };
  }
}

/** Text and cover of an activity together: 'review' when either needs a human. */
export async function checkActivityContent(
  deps: AppDeps,
  authorId: string,
  teamId: Types.ObjectId | string,
  input: { title?: string; description?: string; coverUrl?: string },
): Promise<{ outcome: TCheckOutcome; coverTraceId?: string } | { outcome: 'content_risky'; fields: TFieldError[] }> {
  const text = await ensureTextAllowed(deps, authorId, [
    { path: 'title', text: input.title },
    { path: 'description', text: input.description },
  ]);
  if (text.outcome === 'content_risky') return text;
  const cover = await checkCover(deps, authorId, teamId, input.coverUrl);
  return { outcome: text.outcome === 'review' || cover.outcome === 'review' ? 'review' : 'pass', coverTraceId: cover.traceId };
}
