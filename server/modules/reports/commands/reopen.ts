import { reporterReopenWindow, type TReopenByReporter } from '@shared/schemas/reports/reports';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import type { ReportDoc } from '../model';
import { applyStep, redispatch } from './transition';

export type ReporterReopenResult =
  | { outcome: 'redispatched' | 'reopened'; report: ReportDoc }
  | Refusal<'not_closed' | 'too_late' | 'too_many'>;

/**
 * The reporter reopens a closed report with a reason (the problem came back, or the "partly" they
 * answered was not good enough), within REPORT_LIMITS.reopenDays of closing and at most
 * REPORT_LIMITS.reporterReopensMax times. The closing is undone (closed time, fixed by default,
 * confirmation), a new resolve cycle starts (sla.ts), and a report that had a department goes
 * straight back to it and its handler; one without waits in the dispatcher's queue. The move is
 * audited like a staff action: it changes the district's figures.
 */
export function reopenByReporter(
  deps: AppDeps,
  input: { report: ReportDoc; userId: string; name: string; body: TReopenByReporter; requestId?: string },
): Promise<ReporterReopenResult> {
  const now = deps.now();
  const { report } = input;
  const window = reporterReopenWindow(report, now);
  if (window !== 'open') return Promise.resolve({ outcome: window });
  return inUnitOfWork(deps, async (uow): Promise<ReporterReopenResult> => {
    const moved = await applyStep(
      uow,
      report._id,
      {
        action: 'reporter_reopen',
        actor: { userId: input.userId, name: input.name, kind: 'resident' },
        note: input.body.reason,
        set: { closedAt: null, fixedByDefault: false, confirmation: null },
        requestId: input.requestId,
        audit: true,
      },
      now,
    );
    // Someone else moved it first (a dispatcher's reopen, a second tap).
    if (!moved) return uow.rollback({ outcome: 'not_closed' as const });
    if (!moved.department) return { outcome: 'reopened', report: moved };
    return { outcome: 'redispatched', report: await redispatch(uow, moved, '居民申请重新处理，自动重新派遣', now) };
  });
}
