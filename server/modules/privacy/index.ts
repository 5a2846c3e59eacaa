import { defineModule } from '../../platform/module';
import { routes } from './routes';

/** PIPL: consent to the privacy policy, personal-data export and account deletion (composed from every module's `privacy` section). */
export const privacyModule = defineModule({ name: 'privacy', routes: (deps) => routes(deps) });

export { PRIVACY_POLICY, currentPolicyVersion } from './policy-text';
