import { Activity } from '../model';

export type TCoverVerdict = 'pass' | 'risky' | 'review';

/**
 * Applies WeChat's asynchronous image-check verdict to the activity whose cover was sent
 * with that trace id. The verdict is recorded once (a repeated push changes nothing) for
 * the district admin who decides the held activity or edit; a risky image is taken off at
 * once — from the held edit when the checked cover is a held one, else from the activity.
 * `unknown_trace` when no activity carries the trace id (it may be a photo's, or not stored yet).
 */
export async function receiveCoverVerdict(traceId: string, suggest: TCoverVerdict): Promise<'applied' | 'already_applied' | 'unknown_trace'> {
  const guard = { coverTraceId: traceId, coverCheck: { $exists: false } };
  const set = { coverCheck: suggest };
  let res = await Activity.updateOne(
    { ...guard, 'heldEdit.coverUrl': { $exists: true } },
    suggest === 'risky' ? { $set: set, $unset: { 'heldEdit.coverUrl': 1 } } : { $set: set },
  );
  if (res.modifiedCount === 0) {
    res = await Activity.updateOne(guard, suggest === 'risky' ? { $set: set, $unset: { coverUrl: 1 } } : { $set: set });
  }
  if (res.modifiedCount > 0) return 'applied';
  return (await Activity.exists({ coverTraceId: traceId })) ? 'already_applied' : 'unknown_trace';
}
