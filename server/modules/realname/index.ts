import { defineModule } from '../../platform/module';
import { backfillSearchHashesJob } from './backfill';
import { routes } from './routes';

/** Real-name verification: ID numbers encrypted at rest, masked in every response. */
export const realnameModule = defineModule({
  name: 'realname',
  routes: (deps) => routes(deps),
  jobs: (deps) => [backfillSearchHashesJob(deps)],
});

export { ownRealName, verifyRealName } from './commands';
// For seeding a district at scale (server/demo/scale.ts): real names stored as verification stores them.
export { encryptField, hashIdNumber } from './crypto';
export { maskName } from './mask';
