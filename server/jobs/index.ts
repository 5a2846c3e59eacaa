export { createScheduler, type Scheduler, type SchedulerOptions, type JobHandler, type JobOptions } from './scheduler';
export { linliJobs, JOB_NAMES, type JobSpec } from './registry';
