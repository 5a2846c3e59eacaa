import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Residents' help requests and the teams that take them up. */
export const helpRequestsModule = defineModule({ name: 'volunteering/help-requests', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { eraseHelpRequestsOf } from './commands/erase';
