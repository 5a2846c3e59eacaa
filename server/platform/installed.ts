import type { ModuleDefinition } from './module';

/**
 * The module list as built by server/modules/index.ts, for the few modules
 * that read every module's slots (privacy's sections, notifications'
 * templates). They read it here instead of importing the list: importing it
 * would load every module from the middle of whatever import chain reached
 * them, and a module whose load-time code uses another's value would find it
 * not yet there.
 */
let installed: readonly ModuleDefinition[] | undefined;

export function installModules(modules: readonly ModuleDefinition[]): void {
  installed = modules;
}

export function installedModules(): readonly ModuleDefinition[] {
  if (!installed) throw new Error('the module list is not built yet: call allModules() (server/modules/index.ts) first');
  return installed;
}
