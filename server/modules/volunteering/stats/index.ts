import { defineModule } from '../../../platform/module';
import { routes } from './routes';
import { rollupSubscribers } from './rollups/subscribers';

/**
 * Volunteering · Volunteering statistics, leaderboards and CSV exports, read from the monthly
 * rollups of the hours ledger (kept by the `stats.rollups` subscriber; ./rollups).
 */
export const statsModule = defineModule({
  name: 'volunteering/stats',
  routes: (deps) => routes(deps),
  subscribers: rollupSubscribers,
});

// The facade: what other modules and scripts may use.
export { rebuildHoursRollups } from './rollups/rebuild';
export { eraseFromLeaderboards } from './erasure';
// Registered at load (the platform checks and repairs them): see ./rollups/invariants.ts.
export { rollupInvariants } from './rollups/invariants';
