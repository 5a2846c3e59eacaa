import type { AppDeps } from '../../../deps';
import type { MediaCheckEvent } from '../../../wechat';
import { applyMediaCheckResult, hasPhotoWithTrace } from '../../volunteering/gallery';
import { receiveCoverVerdict } from '../../volunteering/activities';
import { applyReportPhotoVerdict } from '../../reports';

export type TMediaCheckOutcome = 'applied' | 'already_applied' | 'left_for_review' | 'unknown_trace';

/**
 * Applies one verified `wxa_media_check` verdict to the photos sent with that trace id, or
 * else to the activity cover sent with it.
 * Idempotent: only photos still `checking` move, so a repeated push (WeChat retries) or a
 * push after a team admin decided changes nothing. `unknown_trace` means no photo carries the
 * id yet — the verdict can beat the upload's own write — and the caller asks WeChat to retry.
 */
export async function receiveMediaCheck(event: MediaCheckEvent, deps?: AppDeps): Promise<TMediaCheckOutcome> {
  const changed = await applyMediaCheckResult(event.traceId, event.suggest);
  if (changed > 0) return 'applied';
  if (!(await hasPhotoWithTrace(event.traceId))) {
    // Not a gallery photo: a report photo (issue 12), or an activity cover held for the district admin.
    const report = await applyReportPhotoVerdict(event.traceId, event.suggest, deps);
    if (report !== 'unknown_trace') return report;
    return await receiveCoverVerdict(event.traceId, event.suggest);
  }
  return event.suggest === 'review' ? 'left_for_review' : 'already_applied';
}
