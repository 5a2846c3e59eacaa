import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Residents' and staff accounts, profiles and roles. */
export const usersModule = defineModule({ name: 'users', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { ZUserDto, ZUserEnvelope } from './dto-schema';
export { User, type UserDoc } from './model';
export { presentUser } from './presenter';
export { displayNames } from './queries';
export { searchHash, type SearchField } from './search-hash';
