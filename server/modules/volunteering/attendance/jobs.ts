import type { AppDeps } from '../../../deps';
import { autoCheckout } from './commands/auto-checkout';

/** Recurring jobs of this part (JobSpec, server/platform/module.ts). */
export const attendanceJobs = (deps: AppDeps) => [
  {
    name: 'volunteering.auto-checkout',
    every: '5 minutes',
    handler: async () => {
      const { checkedOut } = await autoCheckout(deps, deps.now());
      if (checkedOut > 0) deps.logger.info({ checkedOut }, 'automatic check-out');
    },
  },
];
