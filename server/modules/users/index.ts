import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Residents' and staff accounts, profiles and roles. */
export const usersModule = defineModule({ name: 'users', routes: (deps) => routes(deps) });
