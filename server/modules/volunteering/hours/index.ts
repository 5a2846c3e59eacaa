import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Service hours: the append-only ledger, maintained totals, reconcile. */
export const hoursModule = defineModule({ name: 'volunteering/hours', routes: (deps) => routes(deps) });
