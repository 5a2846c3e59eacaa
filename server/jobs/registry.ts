import type { AppDeps } from '../deps';
import { sendDueNotifications } from '../modules/notifications/sender';
import { pruneSlotsJob } from '../modules/volunteering/activities/commands/prune-slots';
import { resyncShiftsJob } from '../modules/volunteering/activities/commands/shift-times';
import { attendanceJobs } from '../modules/volunteering/attendance/jobs';
import { signupJobs } from '../modules/volunteering/signups/jobs';

/**
 * Every job the server runs. Later issues add theirs here (activity reminders,
 * SLA timers, waitlist-offer expiries...): a name, a handler, and `every` for
 * recurring ones; one-off jobs are queued with scheduler.schedule(when, name, data).
 */
export interface JobSpec {
  name: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  /** Recurring interval ('10 seconds', '1 hour', or a cron string). */
  every?: string;
  concurrency?: number;
}

export const JOB_NAMES = {
  sendNotifications: 'notifications.send-due',
} as const;

export function linliJobs(deps: AppDeps): JobSpec[] {
  return [
    {
      name: JOB_NAMES.sendNotifications,
      every: '5 seconds',
      handler: async () => {
        await sendDueNotifications(deps);
      },
    },
    ...signupJobs(deps),
    ...attendanceJobs(deps),
    pruneSlotsJob(deps),
    resyncShiftsJob(deps),
  ];
}
