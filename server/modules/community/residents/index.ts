import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Community · Residents' community (chosen or inferred from location) and their urgent-alert subscription. */
export const communityResidentsModule = defineModule({ name: 'community/residents', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { eraseResident } from './commands';
export { ResidentCommunity } from './model';
export {
  alertSubscribers,
  allCommunities,
  findCommunity,
  forgetCommunities,
  myCommunityId,
  residentOf,
  type CommunityBrief,
} from './queries';
