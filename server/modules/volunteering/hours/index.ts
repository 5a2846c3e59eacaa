import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Service hours: the append-only ledger, maintained totals, reconcile. */
export const hoursModule = defineModule({ name: 'volunteering/hours', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { recordHoursEntry } from './commands/record-entry';
export { formatHours, serviceMinutes, shanghaiDate, shanghaiMonth } from './compute';
export { HoursEntry, HoursTotal } from './model';
export {
  confirmedEntriesByIds,
  confirmedEntriesCursor,
  confirmedServiceOf,
  hasPendingEntry,
  leaderboard,
  totalsFor,
  type LeaderboardRow,
} from './queries';
export { withdrawPendingEntry } from './commands/withdraw-entry';
export { presentLeaderboardRow } from './presenter';
export { applyTotalsDelta, takeTotalsOffBoards, totalsOnBoardsOf } from './totals';
// Registered at load (the platform checks and repairs them): see ./invariants.ts.
export { hoursInvariants } from './invariants';
