import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Real-name verification: ID numbers encrypted at rest, masked in every response. */
export const realnameModule = defineModule({ name: 'realname', routes: (deps) => routes(deps) });

export { ownRealName } from './commands';
