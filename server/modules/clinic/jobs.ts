import type { AppDeps } from '../../deps';
import type { JobSpec } from '../../platform/module';
import { expireOffers } from './commands/waitlist';

export const EXPIRE_OFFERS_JOB = 'clinic.expire-waitlist-offers';

/** Waitlist offers whose hold window ended pass to the next in line. */
export const clinicJobs = (deps: AppDeps): JobSpec[] => [
  {
    name: EXPIRE_OFFERS_JOB,
    every: '1 minute',
    handler: async () => {
      await expireOffers(deps);
    },
  },
];
