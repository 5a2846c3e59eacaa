import { defineModule } from '../../../platform/module';
import { routes } from './routes';

/** Volunteering · Service certificates (PDF) and their public verification. */
export const certificatesModule = defineModule({ name: 'volunteering/certificates', routes: (deps) => routes(deps) });

// The facade: what other modules may use.
export { revokeCertificatesOf } from './commands/erase';
export { findCjkFont, CjkFontMissingError } from './pdf';
