import { defineModule } from '../../../platform/module';
import { routes } from './routes';
import { placeSubscribers } from './subscribers';

/** Community · The 15-minute life circle: places of interest, their admin and CSV import, the nearby list. */
export const communityPlacesModule = defineModule({
  name: 'community/places',
  routes: (deps) => routes(deps),
  get subscribers() {
    return placeSubscribers;
  },
});

// The facade: what other modules may use.
export { nearbyPlaces } from './queries';
export { presentNearby } from './presenter';
export { parseOpeningHours, isOpenAt } from './hours';
export { Place } from './model';
