export { createScheduler, type Scheduler, type SchedulerOptions, type JobHandler, type JobOptions } from './scheduler';
export { linliJobs, type JobSpec } from './registry';
