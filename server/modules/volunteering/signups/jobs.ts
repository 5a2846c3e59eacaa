import type { AppDeps } from '../../../deps';
import type { JobSpec } from '../../../platform/module';
import { expireOffers } from './commands/offers';
import { markNoShows, releaseSignupsOfCancelledActivities, sendDueReminders } from './commands/sweeps';

/**
 * Recurring signup sweeps (the module's `jobs`, see index.ts). Each one is
 * idempotent (offers expire, reminders send and no-shows record at most once
 * however often it runs), so a rare double run under Agenda's lock is safe.
 */
export function signupJobs(deps: AppDeps): JobSpec[] {
  return [
    { name: 'volunteering.offers.expire', every: '1 minute', handler: async () => void (await expireOffers(deps)) },
    { name: 'volunteering.reminders.send', every: '1 minute', handler: async () => void (await sendDueReminders(deps)) },
    { name: 'volunteering.no-shows.mark', every: '5 minutes', handler: async () => void (await markNoShows(deps)) },
    {
      name: 'volunteering.cancelled-activities.release',
      every: '1 minute',
      handler: async () => void (await releaseSignupsOfCancelledActivities(deps)),
    },
  ];
}
