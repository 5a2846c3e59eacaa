import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** Login (WeChat code, staff password), opaque sessions, logout. */
export const authModule = defineModule({ name: 'auth', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { createAuthenticator } from './authenticate';
export { clearAttempts } from './login-throttle';
export { hashPassword } from './password';
export { type SessionDoc } from './session-model';
export { revokeAllSessions, sessionsOfUser } from './tokens';
