import { reporterReopenWindow } from '@shared/schemas/reports/reports';
import { canTransition, isOpen, REPORT_TRANSITIONS, type TReportActorRole } from '@shared/schemas/reports/status';
import { hasRole, type Actor } from '../../http/actor';
import { definePolicy } from '../../platform/policy';
import type { StaffAction } from './commands/act';
import type { ReportDoc } from './model';

/** A report as the policy sees it: the document plus the handlers of its department. */
export type ReportResource = ReportDoc & {
  departmentHandlers: readonly string[];
  /** The request's clock (deps.now()) for time-bound states; the wall clock when absent. */
  asOf?: Date;
};

export const isDispatcher = (a: Actor | null): boolean => a !== null && (hasRole(a, 'dispatcher') || hasRole(a, 'district_admin'));
export const isDistrictAdmin = (a: Actor | null): boolean => a !== null && hasRole(a, 'district_admin');
export const isReportStaff = (a: Actor | null): boolean => a !== null && (isDispatcher(a) || hasRole(a, 'handler'));

/** The roles the actor holds towards this report (a handler only for their own department's or own tasks). */
export function rolesFor(actor: Actor | null, r: ReportResource): TReportActorRole[] {
  if (!actor) return [];
  const roles: TReportActorRole[] = [];
  if (r.reporter && String(r.reporter) === actor.userId) roles.push('reporter');
  if (isDispatcher(actor)) roles.push('dispatcher');
  if (
    hasRole(actor, 'handler') &&
    ((r.handler && String(r.handler) === actor.userId) || r.departmentHandlers.includes(actor.userId))
  )
    roles.push('handler');
  return roles;
}

const byRole =
  (action: keyof typeof REPORT_TRANSITIONS) =>
  (actor: Actor | null, r: ReportResource): boolean =>
    rolesFor(actor, r).some((role) => (REPORT_TRANSITIONS[action].roles as readonly TReportActorRole[]).includes(role));
const inState = (action: keyof typeof REPORT_TRANSITIONS) => (r: ReportResource) => canTransition(action, r.status);

/**
 * Who may take each step of the workflow (REPORT_TRANSITIONS' roles, shared with the pages) and
 * whether the report's state allows it now (for `abilities`). Staff may see every report; the
 * reporter and followers see their own; everyone sees the public view.
 */
export const reportPolicy = definePolicy<ReportResource, StaffAction | 'confirm' | 'follow' | 'viewCase' | 'reporter_reopen'>(
  'report',
  {
    accept: byRole('accept'),
    dispatch: byRole('dispatch'),
    reject: byRole('reject'),
    mark_duplicate: byRole('mark_duplicate'),
    take: byRole('take'),
    arrive: byRole('arrive'),
    update: byRole('update'),
    transfer: byRole('transfer'),
    resolve: byRole('resolve'),
    close_not_fixed: byRole('close_not_fixed'),
    reopen: byRole('reopen'),
    confirm: byRole('confirm_fixed'),
    reporter_reopen: byRole('reporter_reopen'),
    follow: (actor, r) => actor !== null && actor.kind === 'resident' && String(r.reporter) !== actor.userId,
    viewCase: (actor, r) =>
      isReportStaff(actor) || (actor !== null && (String(r.reporter) === actor.userId || r.followers.some((f) => String(f) === actor.userId))),
  },
  {
    accept: inState('accept'),
    dispatch: inState('dispatch'),
    reject: inState('reject'),
    mark_duplicate: inState('mark_duplicate'),
    take: inState('take'),
    arrive: inState('arrive'),
    update: inState('update'),
    transfer: inState('transfer'),
    resolve: inState('resolve'),
    close_not_fixed: inState('close_not_fixed'),
    reopen: inState('reopen'),
    confirm: inState('confirm_fixed'),
    reporter_reopen: (r) => reporterReopenWindow(r, r.asOf ?? new Date()) === 'open',
    follow: (r) => isOpen(r.status),
  },
);
