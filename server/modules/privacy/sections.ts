import { allModules } from '../index';
import { personalDataSections } from '../../platform/compose';
import type { PersonalDataSection } from '../../platform/module';

export type { PersonalDataSection };

/**
 * Every module's part of a PIPL request, from the module list: a module holding
 * personal data beyond the generic dump (every document whose schema references
 * the user) names its `privacy` section in `defineModule`. Read per request,
 * never at load (the list imports this module).
 */
export const allPersonalDataSections = (): PersonalDataSection[] => personalDataSections(allModules());
