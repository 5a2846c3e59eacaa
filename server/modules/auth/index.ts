import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Login (WeChat code, staff password), opaque sessions, logout. */
export const authModule = defineModule({ name: 'auth', routes: (deps) => routes(deps) });
