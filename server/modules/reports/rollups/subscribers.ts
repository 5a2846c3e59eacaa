import type { Subscriber } from '../../../platform/outbox/registry';
import { syncReportRollup } from './apply';

/** Events after which a report's figures may have changed (received, closed, times, rating). */
export const ROLLUP_EVENTS = ['report.submitted', 'report.status_changed'] as const;

/**
 * `reports.rollups`: keeps the daily stats rollups in step with each report (state-based, see
 * syncReportRollup). Listed after `reports.sla`, whose on-time flags it reads. Drift is repaired
 * by the `report-rollups` invariant.
 */
export const rollupSubscribers: Subscriber[] = [
  {
    name: 'reports.rollups',
    events: ROLLUP_EVENTS,
    handle: (event) => syncReportRollup(String(event.payload.reportId)),
  },
];
