import { defineModule } from '../../../platform/module';
import { pruneSlotsJob } from './commands/prune-slots';
import { resyncShiftsJob } from './commands/shift-times';
import { activityReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Activities and their shifts: publishing, editing, cancelling, the nearby list. */
export const activitiesModule = defineModule({
  name: 'volunteering/activities',
  routes: (deps) => routes(deps),
  reviewKinds: [activityReviewKind],
  jobs: (deps) => [pruneSlotsJob(deps), resyncShiftsJob(deps)],
});
