import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** The district's organisations: communities, grids, departments, teams, clinics. */
export const orgModule = defineModule({ name: 'org', routes: (deps) => routes(deps) });
