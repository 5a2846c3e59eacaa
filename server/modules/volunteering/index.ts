import { defineModule } from '../../platform/module';
import { seedVolunteeringDemo } from './demo';
import { photosExportOf } from './gallery';
import { eraseVolunteeringData } from './privacy';
import { volunteeringSubscribers } from './subscribers';

/**
 * Volunteering as a whole: what spans its parts (a resident's export and
 * deletion, the demo data). Each part (volunteers, teams, activities, signups,
 * attendance, hours, certificates, gallery, help-requests, stats) is a module
 * of its own with its own facade; this file is not a facade for them.
 */
export const volunteeringModule = defineModule({
  name: 'volunteering',
  privacy: {
    name: 'volunteering',
    // The generic export dumps every model with a user field; photos name theirs `uploader`.
    export: (userId) => photosExportOf(userId),
    covers: ['Photo'],
    erase: (userId, now, deps) => eraseVolunteeringData(userId, now, deps),
  },
  demo: (deps, orgs) => seedVolunteeringDemo(deps, orgs),
  // A getter: read when the list is composed, not at load (see defineModule).
  get subscribers() {
    return volunteeringSubscribers;
  },
});
