import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Staff accounts and the district admin's user management. */
export const adminModule = defineModule({ name: 'admin', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { ensureDistrictAdmin } from './bootstrap';
