import { defineModule } from '../../../platform/module';
import { attendanceJobs } from './jobs';
import { routes } from './routes';

/** Volunteering · Check-in and check-out: rotating QR, geofence, automatic check-out. */
export const attendanceModule = defineModule({
  name: 'volunteering/attendance',
  routes: (deps) => routes(deps),
  jobs: (deps) => attendanceJobs(deps),
});

// The facade: what other modules may use.
export { autoCheckout } from './commands/auto-checkout';
export { type LngLat, haversineMetres } from './geo';
export { forgetAttendanceLocationsOf } from './commands/erase';
