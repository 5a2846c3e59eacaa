import { isClosed } from '@shared/schemas/reports/status';
import type { ReportDoc } from '../model';
import { zeroCounters, type Counters, type ReportRollupMemberDoc, type TRollupDim } from './model';

const SHANGHAI_MS = 8 * 3_600_000;
/** The Shanghai date (YYYY-MM-DD) of an instant: the stats page's days and months. */
export const shanghaiDay = (t: Date): string => new Date(t.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
/** The UTC instant at which the Shanghai day `day` starts. */
export const shanghaiDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_MS);

/** The report fields the figures read (the subscriber and the rebuild load only these). */
export const CONTRIBUTION_FIELDS = {
  status: 1,
  fixedByDefault: 1,
  category: 1,
  grid: 1,
  department: 1,
  createdAt: 1,
  acceptedAt: 1,
  firstDispatchedAt: 1,
  arrivedAt: 1,
  closedAt: 1,
  'sla.acceptOnTime': 1,
  'sla.arriveOnTime': 1,
  'sla.resolveOnTime': 1,
  'confirmation.rating': 1,
} as const;
export type ContributionInput = Pick<
  ReportDoc,
  '_id' | 'status' | 'fixedByDefault' | 'category' | 'grid' | 'department' | 'createdAt' | 'acceptedAt' | 'firstDispatchedAt' | 'arrivedAt' | 'closedAt'
> & { sla?: Partial<ReportDoc['sla']>; confirmation?: { rating?: number | null } | null };

const span = (later: Date | null | undefined, earlier: Date | null | undefined): number | null =>
  later && earlier ? later.getTime() - earlier.getTime() : null;

/**
 * What a report adds to the figures (DECISIONS "Reports"), or null when it is not a received
 * case (rejected, duplicate). Closed = closed fixed or not fixed; fixed excludes fixed by
 * default; on time = closed with no target missed (a target never measured is not missed);
 * accept from submission, arrive from the first dispatch, resolve = submission to closing.
 */
export function contributionOf(r: ContributionInput): Omit<ReportRollupMemberDoc, '_id'> | null {
  if (r.status === 'rejected' || r.status === 'duplicate') return null;
  const c: Counters = zeroCounters();
  const closed = isClosed(r.status);
  c.received = 1;
  c.closed = closed ? 1 : 0;
  c.fixed = r.status === 'closed_fixed' && !r.fixedByDefault ? 1 : 0;
  c.fixedByDefault = r.status === 'closed_fixed' && r.fixedByDefault ? 1 : 0;
  c.notFixed = r.status === 'closed_not_fixed' ? 1 : 0;
  c.onTime = closed && r.sla?.acceptOnTime !== false && r.sla?.arriveOnTime !== false && r.sla?.resolveOnTime !== false ? 1 : 0;
  const measured: [number | null, 'acceptMs' | 'arriveMs' | 'resolveMs', 'acceptN' | 'arriveN' | 'resolveN'][] = [
    [span(r.acceptedAt, r.createdAt), 'acceptMs', 'acceptN'],
    [span(r.arrivedAt, r.firstDispatchedAt), 'arriveMs', 'arriveN'],
    [closed ? span(r.closedAt, r.createdAt) : null, 'resolveMs', 'resolveN'],
  ];
  for (const [ms, sum, n] of measured)
    if (ms !== null) {
      c[sum] = ms;
      c[n] = 1;
    }
  const rating = r.confirmation?.rating;
  if (typeof rating === 'number') {
    c.ratingSum = rating;
    c.ratingN = 1;
  }
  const keys: Record<TRollupDim, string> = {
    total: '',
    category: r.category,
    grid: r.grid ? String(r.grid) : '',
    department: r.department ? String(r.department) : '',
  };
  return { day: shanghaiDay(r.createdAt), keys, c };
}
