import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Volunteering statistics and CSV exports. */
export const statsModule = defineModule({ name: 'volunteering/stats', routes: (deps) => routes(deps) });
