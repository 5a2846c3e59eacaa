/**
 * The report workflow, defined once for server, pages and stats. A report is *closed* only as
 * closed_fixed or closed_not_fixed; a closed-not-fixed report never counts as fixed, and a report
 * closed fixed because the resident did not answer in 7 days is fixed *by default*, counted apart.
 * Rejected and duplicate reports are finished but were never taken on: neither open nor closed.
 */
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'closed_fixed',
  'closed_not_fixed',
  'rejected',
  'duplicate',
  'transferred',
  'reopened',
] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<TReportStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派遣',
  in_progress: '处置中',
  resolved: '待确认',
  closed_fixed: '已办结（已解决）',
  closed_not_fixed: '已办结（未解决）',
  rejected: '不予受理',
  duplicate: '重复上报',
  transferred: '退回待改派',
  reopened: '已重新打开',
};

const CLOSED: readonly TReportStatus[] = ['closed_fixed', 'closed_not_fixed'];
const FINISHED: readonly TReportStatus[] = [...CLOSED, 'rejected', 'duplicate'];

/** Still being worked on (or waiting for the resident): counts towards SLA and the open lists. */
export const isOpen = (s: TReportStatus): boolean => !FINISHED.includes(s);
/** 办结: closed fixed (incl. fixed by default) or closed not fixed. */
export const isClosed = (s: TReportStatus): boolean => CLOSED.includes(s);
/** Fixed: only closed_fixed. Pass `fixedByDefault` to count the 7-day default apart. */
export const isFixed = (r: { status: TReportStatus; fixedByDefault?: boolean }, opts: { includeDefault?: boolean } = {}): boolean =>
  r.status === 'closed_fixed' && (opts.includeDefault !== false || !r.fixedByDefault);

/** Who acts: the reporter (or a follower for "me too"), dispatchers, handlers, the scheduler. */
export type TReportActorRole = 'reporter' | 'dispatcher' | 'handler' | 'system';

/** Every staff or resident action, the states it starts from, where it goes, and who may take it. */
export const REPORT_TRANSITIONS = {
  accept: { from: ['submitted', 'transferred', 'reopened'], to: 'accepted', roles: ['dispatcher', 'system'] },
  dispatch: {
    from: ['submitted', 'accepted', 'transferred', 'reopened'],
    to: 'dispatched',
    roles: ['dispatcher', 'system'],
  },
  reject: { from: ['submitted', 'accepted', 'transferred'], to: 'rejected', roles: ['dispatcher'] },
  mark_duplicate: { from: ['submitted', 'accepted', 'transferred'], to: 'duplicate', roles: ['dispatcher'] },
  take: { from: ['dispatched'], to: 'in_progress', roles: ['handler'] },
  arrive: { from: ['dispatched', 'in_progress'], to: 'in_progress', roles: ['handler'] },
  update: { from: ['in_progress'], to: 'in_progress', roles: ['handler'] },
  transfer: { from: ['dispatched', 'in_progress'], to: 'transferred', roles: ['handler', 'dispatcher'] },
  resolve: { from: ['in_progress'], to: 'resolved', roles: ['handler'] },
  confirm_fixed: { from: ['resolved'], to: 'closed_fixed', roles: ['reporter', 'system'] },
  confirm_partly: { from: ['resolved'], to: 'closed_not_fixed', roles: ['reporter'] },
  confirm_not_fixed: { from: ['resolved'], to: 'reopened', roles: ['reporter'] },
  close_not_fixed: {
    from: ['dispatched', 'in_progress', 'resolved', 'transferred'],
    to: 'closed_not_fixed',
    roles: ['dispatcher'],
  },
  reopen: { from: ['closed_fixed', 'closed_not_fixed'], to: 'reopened', roles: ['dispatcher'] },
  /** The reporter, with a reason, within REPORT_LIMITS.reopenDays of closing (see canReporterReopen). */
  reporter_reopen: { from: ['closed_fixed', 'closed_not_fixed'], to: 'reopened', roles: ['reporter'] },
} as const satisfies Record<string, { from: readonly TReportStatus[]; to: TReportStatus; roles: readonly TReportActorRole[] }>;
export type TReportAction = keyof typeof REPORT_TRANSITIONS;

export const REPORT_ACTION_LABELS: Record<TReportAction, string> = {
  accept: '受理',
  dispatch: '派遣',
  reject: '不予受理',
  mark_duplicate: '标记重复',
  take: '签收',
  arrive: '到场',
  update: '处置进展',
  transfer: '退回改派',
  resolve: '处置完成',
  confirm_fixed: '居民确认已解决',
  confirm_partly: '居民确认部分解决',
  confirm_not_fixed: '居民确认未解决',
  close_not_fixed: '办结（未解决）',
  reopen: '重新打开',
  reporter_reopen: '居民申请重新处理',
};

/** Whether `action` may start from `status` (the role is checked separately). */
export const canTransition = (action: TReportAction, status: TReportStatus): boolean =>
  (REPORT_TRANSITIONS[action].from as readonly TReportStatus[]).includes(status);
