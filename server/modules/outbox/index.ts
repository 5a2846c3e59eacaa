import { defineModule } from '../../platform/module';
import { routes } from './routes';

/**
 * The district admin's window on the platform outbox (server/platform/outbox): dead-lettered
 * events and sending them again. The outbox itself, its dispatcher and the unit of work live in
 * the platform, since every module writes events.
 */
export const outboxModule = defineModule({ name: 'outbox', routes: (deps) => routes(deps) });
