import { defineModule } from '../../platform/module';
import { reportDemo } from './demo';
import { reportJobs, reportSubscribers } from './jobs';
import { open311Routes } from './open311';
import { photoReviewSubscribers, reportPhotoReviewKind } from './photo-review';
import { reportPrivacy } from './privacy';
import { adminRoutes } from './routes-admin';
import { areaRoutes } from './routes-areas';
import { residentRoutes } from './routes-resident';
import { rollupSubscribers } from './rollups/subscribers';
import { staffRoutes as workflowRoutes } from './routes-staff';
import { statsRoutes } from './stats';

/**
 * Issue reports (随手拍 / 城市管家): residents report with photos and a location; grids and
 * categories route each report to a department and handler; dispatchers and handlers move it
 * through the workflow (shared/schemas/reports/status.ts) under SLA timers; the reporter confirms
 * the result. Open311 GeoReport v2 under /open311/v2/. Disputes are referred to the clinics by
 * the `report.dispute_referred` event.
 */
export const reportsModule = defineModule({
  name: 'reports',
  // areaRoutes first: /api/reports/heat before /api/reports/:id.
  routes: (deps) => [...areaRoutes(deps), ...residentRoutes(deps), ...workflowRoutes(deps), ...adminRoutes(deps), ...statsRoutes(deps), ...open311Routes(deps)],
  jobs: (deps) => reportJobs(deps),
  privacy: reportPrivacy,
  get subscribers() {
    // reports.sla first: the rollups read the on-time flags it writes.
    return [...reportSubscribers, ...rollupSubscribers, ...photoReviewSubscribers];
  },
  reviewKinds: [reportPhotoReviewKind],
  demo: (deps, orgs) => reportDemo(deps, orgs),
});

// The facade: what other modules may use.
export { isClosed, isFixed, isOpen } from '@shared/schemas/reports/status';
export type { DisputeReferredPayload } from './events';
export { rebuildReportRollups } from './rollups/rebuild';
export { applyReportPhotoVerdict } from './commands/photos';
// Registered at load (the platform checks and repairs them): see ./rollups/invariants.ts.
export { reportRollupInvariants } from './rollups/invariants';
