import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { sendMediationReminders } from './commands/mediation-reminders';
import { pruneReminders, sendDayBeforeReminders } from './commands/reminders';
import { expireOffers } from './commands/waitlist';

export const EXPIRE_OFFERS_JOB = 'clinic.expire-waitlist-offers';
export const DAY_BEFORE_REMINDERS_JOB = 'clinic.day-before-reminders';
export const MEDIATION_REMINDERS_JOB = 'clinic.mediation-reminders';

/**
 * Waitlist offers whose hold window ended pass to the next in line; confirmed consultations and
 * mediation sessions of tomorrow are reminded (once each, however often or concurrently the
 * sweeps run), and reminder keys whose start is past are pruned.
 */
export const clinicJobs = (deps: AppDeps): JobSpec[] => [
  {
    name: DAY_BEFORE_REMINDERS_JOB,
    every: '10 minutes',
    handler: async () => {
      await sendDayBeforeReminders(deps);
      await pruneReminders(deps);
    },
  },
  {
    name: MEDIATION_REMINDERS_JOB,
    every: '10 minutes',
    handler: async () => {
      await sendMediationReminders(deps);
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
