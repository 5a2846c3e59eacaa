import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { sendDayBeforeReminders } from './commands/reminders';
import { expireOffers } from './commands/waitlist';

export const EXPIRE_OFFERS_JOB = 'clinic.expire-waitlist-offers';
export const DAY_BEFORE_REMINDERS_JOB = 'clinic.day-before-reminders';

/**
 * Waitlist offers whose hold window ended pass to the next in line; confirmed consultations of
 * tomorrow are reminded (once per booking, however often or concurrently the sweep runs).
 */
export const clinicJobs = (deps: AppDeps): JobSpec[] => [
  {
    name: DAY_BEFORE_REMINDERS_JOB,
    every: '10 minutes',
    handler: async () => {
      await sendDayBeforeReminders(deps);
    },
  },
  {
    name: EXPIRE_OFFERS_JOB,
    every: '1 minute',
    handler: async () => {
      await expireOffers(deps);
    },
  },
];
