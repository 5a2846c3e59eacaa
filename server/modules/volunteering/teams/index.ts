import { defineModule } from '../../../platform/module';
import { joinMessageReviewKind } from './review';
import { routes } from './routes';

/** Volunteering · Volunteer teams: founding, joining, members and roles. */
export const teamsModule = defineModule({
  name: 'volunteering/teams',
  routes: (deps) => routes(deps),
  reviewKinds: [joinMessageReviewKind],
});
