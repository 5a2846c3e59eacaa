import { Types } from 'mongoose';
import { REPORT_ACTION_LABELS, REPORT_STATUS_LABELS, REPORT_TRANSITIONS, type TReportAction, type TReportStatus } from '@shared/schemas/reports/status';
import { appLinks } from '@shared/links';
import type { EventAudit } from '../../../platform/outbox/event';
import type { UnitOfWork } from '../../../platform/unit-of-work';
import type { Notice } from '../../notifications';
import { Report, type HistoryDoc, type ReportDoc } from '../model';

/** Who takes a step: a person (with the name the history shows) or the system. */
export type StepActor = { userId: string; name: string; kind: 'resident' | 'staff' } | { system: string };

export interface Step {
  action: TReportAction;
  actor: StepActor;
  note?: string;
  photos?: Types.ObjectId[];
  location?: { lng: number; lat: number };
  /** Fields set with the move (department, handler, timestamps…). */
  set?: Record<string, unknown>;
  requestId?: string;
  /** Overrides the action's target state (arrive on a dispatched report: in_progress). */
  to?: TReportStatus;
  /** Audit a resident's step too (staff steps always are). */
  audit?: boolean;
}

/**
 * Moves a report one step along REPORT_TRANSITIONS inside the caller's unit of work: one guarded
 * update (the report must still be in one of the action's start states, so two people acting at
 * once cannot both move it), one history entry, and the `report.status_changed` event that drives
 * the SLA timers (subscriber `reports.sla`), the audit log (staff actions) and the messages to the
 * reporter and followers. Returns null when the report is not (or no longer) in a start state.
 */
export async function applyStep(uow: UnitOfWork, id: Types.ObjectId, step: Step, at: Date): Promise<ReportDoc | null> {
  const rule = REPORT_TRANSITIONS[step.action];
  const to = step.to ?? rule.to;
  const person = 'userId' in step.actor ? step.actor : null;
  const entry = (from: TReportStatus): HistoryDoc => ({
    action: step.action,
    from,
    to,
    actor: person ? new Types.ObjectId(person.userId) : null,
    actorName: person ? person.name : '系统',
    note: step.note ?? '',
    photos: step.photos ?? [],
    ...(step.location ? { location: { type: 'Point' as const, coordinates: [step.location.lng, step.location.lat] as [number, number] } } : {}),
    at,
  });
  const before = await Report.findOne({ _id: id, status: { $in: rule.from } }, { status: 1 }).lean();
  if (!before) return null;
  const updated = await Report.findOneAndUpdate(
    { _id: id, status: before.status },
    { $set: { status: to, ...step.set }, $push: { history: entry(before.status) } },
    { returnDocument: 'after' },
  ).lean<ReportDoc>();
  if (!updated) return null;
  uow.emit({
    type: 'report.status_changed',
    aggregate: `report:${String(id)}`,
    // Whoever took the step needs no message about it.
    payload: { reportId: String(id), action: step.action, from: before.status, to, notices: noticesFor(updated, step.action, to).filter((n) => n.user !== person?.userId) },
    ...(person && (person.kind === 'staff' || step.audit) ? { audit: auditOf(step, person, String(id), before.status, to) } : {}),
  });
  return updated;
}

/** A reopened report straight back to its department and handler (the system's step, same unit of work). */
export async function redispatch(uow: UnitOfWork, reopened: ReportDoc, note: string, at: Date): Promise<ReportDoc> {
  const again = await applyStep(
    uow,
    reopened._id,
    { action: 'dispatch', actor: { system: 'redispatch' }, note, set: { dispatchedAt: at, department: reopened.department, handler: reopened.handler } },
    at,
  );
  // Just moved to `reopened` in this unit of work: nothing else can have moved it since.
  return again!;
}

function auditOf(step: Step, person: { userId: string; kind: 'resident' | 'staff' }, id: string, from: string, to: string): EventAudit {
  return {
    actor: { userId: person.userId, kind: person.kind },
    action: `report.${step.action}`,
    target: { type: 'report', id },
    before: { status: from },
    after: { status: to, note: step.note, ...(step.set ?? {}) },
    requestId: step.requestId,
  };
}

/** Steps the reporter and followers hear about (inbox and the issueUpdate subscribe message). */
const TOLD: readonly TReportAction[] = ['accept', 'dispatch', 'reject', 'mark_duplicate', 'arrive', 'resolve', 'close_not_fixed', 'reopen', 'reporter_reopen', 'confirm_fixed'];

function noticesFor(r: ReportDoc, action: TReportAction, to: TReportStatus): Notice[] {
  if (!TOLD.includes(action)) return [];
  const people = [...(r.reporter ? [r.reporter] : []), ...r.followers].map(String);
  const body =
    action === 'resolve'
      ? '处置人员已完成处置，请在 7 天内确认是否解决并评价。'
      : `${REPORT_ACTION_LABELS[action]}：当前状态为「${REPORT_STATUS_LABELS[to]}」。`;
  return [...new Set(people)].map((user) => ({
    user,
    title: `您关注的问题${REPORT_STATUS_LABELS[to]}`,
    body,
    link: appLinks.report(String(r._id)),
    templateKey: 'issueUpdate',
    data: { thing1: r.categoryLabel, phrase2: REPORT_STATUS_LABELS[to].slice(0, 5) },
    dedupeKey: `report:${String(r._id)}:${r.history.length}:${user}`,
  }));
}
