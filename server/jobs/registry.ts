import type { AppDeps } from '../deps';
import { allModules } from '../modules';
import { moduleJobs } from '../platform/compose';
import type { JobSpec } from '../platform/module';

export type { JobSpec };

/**
 * Every job the server runs, from the module list: each module names its jobs
 * in `defineModule({ jobs })` (a name, a handler, and `every` for recurring
 * ones); one-off jobs are queued with scheduler.schedule(when, name, data).
 */
export function linliJobs(deps: AppDeps): JobSpec[] {
  return moduleJobs(allModules(), deps);
}
