import { defineModule } from '../../platform/module';
import { seedDonationsDemo } from './demo';
import { donationJobs } from './jobs';
import { donationsPrivacy } from './privacy';
import { messageReviewKind, projectReviewKind } from './review';
import { adminRoutes } from './routes-admin';
import { donorRoutes } from './routes-donor';
import { merchantRoutes } from './routes-merchant';
import { notifyRoutes } from './routes-notify';
import { publicRoutes } from './routes-public';
import './invariants';

/**
 * Charity donations through WeChat Pay (issue 13): charities as merchants, projects, JSAPI and
 * Native orders, verified notifications, refunds, the public ledger, receipts, reconciliation.
 */
export const donationsModule = defineModule({
  name: 'donations',
  routes: (deps) => [...notifyRoutes(deps), ...publicRoutes(deps), ...donorRoutes(deps), ...adminRoutes(deps), ...merchantRoutes(deps)],
  jobs: (deps) => donationJobs(deps),
  privacy: donationsPrivacy,
  demo: (deps, orgs) => seedDonationsDemo(deps, orgs),
  get reviewKinds() {
    return [projectReviewKind, messageReviewKind];
  },
});

// The facade: what other modules may use.
export { sweepPendingPayments, SWEEP_JOB } from './jobs';
export { donationInvariants } from './invariants';
export { charityExists } from './queries';
export { checkMerchantKeys } from './merchants';
