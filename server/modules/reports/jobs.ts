/**
 * SLA timers and the 7-day confirmation default. The timers themselves are written by the
 * `reports.sla` subscriber whenever a report changes state (so they follow the events, not the
 * pages); the recurring job finds what is now overdue and escalates it: first to the dispatchers,
 * then, DISTRICT_ESCALATION_AFTER_MS later, to the district admins.
 */
import { appLinks } from '@shared/links';
import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import type { Subscriber } from '../../platform/outbox/registry';
import { inUnitOfWork } from '../../platform/unit-of-work';
import type { Notice } from '../notifications';
import { closeUnansweredReports } from './commands/confirm';
import { Report, type ReportDoc } from './model';
import { findCategory, findReport, holidayCalendar, staffWithRole } from './queries';
import { computeSla, DISTRICT_ESCALATION_AFTER_MS } from './sla';

export const SLA_CHECK_JOB = 'reports.sla-check';
export const CONFIRM_TIMEOUT_JOB = 'reports.confirm-timeout';

/** Rewrites a report's timers from its current state (idempotent: the same state gives the same timers). */
export async function refreshSla(deps: AppDeps, reportId: string): Promise<void> {
  const report = await findReport(reportId);
  if (!report) return;
  const category = await findCategory(report.category);
  if (!category) return;
  const sla = computeSla(report, category, await holidayCalendar(), deps.now());
  await Report.updateOne({ _id: report._id, updatedAt: report.updatedAt }, { $set: { sla } }, { timestamps: false });
}

export const reportSubscribers: Subscriber[] = [
  {
    name: 'reports.sla',
    // A new report is written with its first timers (submitReport); each move after that resets them.
    events: ['report.status_changed'],
    handle: (event, deps) => refreshSla(deps, String(event.payload.reportId)),
  },
];

/** Escalates every report whose next due time has passed, one level at a time; returns how many moved. */
export async function escalateOverdue(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const due = await Report.find(
    { 'sla.nextDueAt': { $lte: now }, 'sla.escalation': { $lt: 2 }, status: { $nin: ['resolved', 'closed_fixed', 'closed_not_fixed', 'rejected', 'duplicate'] } },
    { sla: 1, categoryLabel: 1, address: 1 },
  )
    .limit(500)
    .lean<Pick<ReportDoc, '_id' | 'sla' | 'categoryLabel' | 'address'>[]>();
  let moved = 0;
  for (const r of due) {
    const late = now.getTime() - r.sla.nextDueAt!.getTime();
    const level = late >= DISTRICT_ESCALATION_AFTER_MS ? 2 : 1;
    if (level <= r.sla.escalation) continue;
    const recipients = await staffWithRole(level === 1 ? 'dispatcher' : 'district_admin');
    const done = await inUnitOfWork(deps, async (uow) => {
      const res = await Report.updateOne(
        { _id: r._id, 'sla.escalation': r.sla.escalation, 'sla.nextDueAt': r.sla.nextDueAt },
        { $set: { 'sla.escalation': level, 'sla.overdue': true } },
        { timestamps: false },
      );
      if (res.modifiedCount !== 1) return false;
      const id = String(r._id);
      const notices: Notice[] = recipients.map((user) => ({
        user,
        title: level === 1 ? '工单超时，请督办' : '工单严重超时，已上报区级',
        body: `${r.categoryLabel}：${r.address}`,
        link: appLinks.report(id),
        dedupeKey: `report-escalation:${id}:${r.sla.nextDueAt!.toISOString()}:${level}:${user}`,
      }));
      uow.emit({
        type: 'report.escalated',
        aggregate: `report:${id}`,
        payload: { reportId: id, level, dueAt: r.sla.nextDueAt!.toISOString(), notices },
        audit: { actor: { system: 'sla' }, action: 'report.escalate', target: { type: 'report', id }, after: { level } },
      });
      return true;
    });
    if (done) moved++;
  }
  return moved;
}

export const reportJobs = (deps: AppDeps): JobSpec[] => [
  { name: SLA_CHECK_JOB, every: '1 minute', handler: async () => void (await escalateOverdue(deps)) },
  { name: CONFIRM_TIMEOUT_JOB, every: '1 hour', handler: async () => void (await closeUnansweredReports(deps)) },
];

