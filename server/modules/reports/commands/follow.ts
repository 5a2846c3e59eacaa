import { Types } from 'mongoose';
import type { AppDeps } from '../../../deps';
import type { Refusal } from '../../../platform/outcome';
import { inUnitOfWork } from '../../../platform/unit-of-work';
import { Report, type ReportDoc } from '../model';

/** "Me too": the resident follows an open report instead of filing a duplicate (idempotent). */
export function followReport(deps: AppDeps, input: { id: string; userId: string }): Promise<{ outcome: 'following'; report: ReportDoc } | Refusal<'not_open'>> {
  return inUnitOfWork(deps, async (uow) => {
    const report = await Report.findOneAndUpdate(
      { _id: new Types.ObjectId(input.id), status: { $nin: ['closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'] } },
      { $addToSet: { followers: new Types.ObjectId(input.userId) } },
      { returnDocument: 'after' },
    ).lean<ReportDoc>();
    if (!report) return { outcome: 'not_open' as const };
    uow.emit({ type: 'report.followed', aggregate: `report:${input.id}`, payload: { reportId: input.id, userId: input.userId } });
    return { outcome: 'following' as const, report };
  });
}
