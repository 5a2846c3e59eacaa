import type { AppDeps } from '../../../deps';
import { checkText, type TCheckOutcome } from '../../content/check';
import { User } from '../../users/model';

/**
 * Runs user-written volunteering text through the content check with the
 * author's openid. Risky text throws content_risky (422) at its field path;
 * 'review' is returned for callers that hold content for moderation.
 */
export async function ensureTextAllowed(
  deps: AppDeps,
  authorId: string,
  fields: { path: string; text: string | undefined }[],
): Promise<TCheckOutcome> {
  const author = await User.findById(authorId, { openid: 1 }).lean();
  return checkText(deps, {
    openid: author?.openid,
    fields: Object.fromEntries(fields.map((f) => [f.path, f.text])),
    scene: 'forum',
  });
}
