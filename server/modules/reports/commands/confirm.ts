import { Types } from 'mongoose';
import type { TConfirmReport } from '@shared/schemas/reports/reports';
import { REPORT_LIMITS } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { Report, type ReportDoc } from '../model';
import { claimPhotos } from './act';
import { applyStep, redispatch } from './transition';

export type ConfirmResult =
  | { outcome: 'closed_fixed' | 'closed_not_fixed' | 'redispatched'; report: ReportDoc }
  | Refusal<'wrong_state' | 'photo_invalid'>;

/**
 * The reporter answers after "resolved": fixed → closed fixed; partly → closed not fixed (it never
 * counts as fixed; a dispatcher may reopen it); not fixed → reopened and dispatched again at once
 * to the same department and handler, with a fresh resolve timer. The rating rides along.
 */
export function confirmReport(deps: AppDeps, input: { report: ReportDoc; userId: string; name: string; body: TConfirmReport }): Promise<ConfirmResult> {
  const now = deps.now();
  const { report, body } = input;
  return inUnitOfWork(deps, async (uow): Promise<ConfirmResult> => {
    const photos = await claimPhotos(body.photoIds, input.userId, report._id);
    if (!photos) return uow.rollback({ outcome: 'photo_invalid' as const });
    const confirmation = { answer: body.answer, rating: body.rating ?? null, note: body.note ?? '', photos, at: now };
    const actor = { userId: input.userId, name: input.name, kind: 'resident' as const };
    const action = body.answer === 'fixed' ? 'confirm_fixed' : body.answer === 'partly' ? 'confirm_partly' : 'confirm_not_fixed';
    const closes = body.answer !== 'not_fixed';
    const moved = await applyStep(
      uow,
      report._id,
      { action, actor, note: body.note, photos, set: { confirmation, ...(closes ? { closedAt: now } : {}) } },
      now,
    );
    if (!moved) return uow.rollback({ outcome: 'wrong_state' as const });
    if (closes) return { outcome: moved.status === 'closed_fixed' ? 'closed_fixed' : 'closed_not_fixed', report: moved };
    return { outcome: 'redispatched', report: await redispatch(uow, moved, '居民反馈未解决，自动重新派遣', now) };
  });
}

/**
 * The 7-day default: reports resolved longer ago than REPORT_LIMITS.confirmDays without an answer
 * close fixed *by default* (shown as such and counted apart). Each closes in its own unit of work.
 */
export async function closeUnansweredReports(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const before = new Date(now.getTime() - REPORT_LIMITS.confirmDays * 86_400_000);
  const due = await Report.find({ status: 'resolved', resolvedAt: { $lte: before } }, { _id: 1 }).limit(500).lean();
  let closed = 0;
  for (const { _id } of due) {
    const moved = await inUnitOfWork(deps, (uow) =>
      applyStep(
        uow,
        new Types.ObjectId(String(_id)),
        { action: 'confirm_fixed', actor: { system: 'confirm-timeout' }, note: '居民 7 天未确认，默认办结', set: { closedAt: now, fixedByDefault: true } },
        now,
      ),
    );
    if (moved) closed++;
  }
  return closed;
}
