import { TEMPLATE_KEYS, type TTemplateKey } from '@shared/schemas/notifications';
import type { ServerConfig } from '../../config/env';
import type { DemoStep } from '../demo/seed';
import type { AppDeps } from '../deps';
import type { RouteSpec } from '../http/route';
import type { ReviewKind } from '../modules/review';
import type { JobSpec, ModuleDefinition, PersonalDataSection } from './module';
import type { Subscriber } from './outbox/registry';

/**
 * Everything the app composes from the one list of modules (server/modules/index.ts).
 * Each function reads the list when called, never at load, so a module that
 * imports the list (privacy reads every module's section) is not caught in a
 * half-loaded import cycle.
 */

export const moduleRoutes = (mods: readonly ModuleDefinition[], deps: AppDeps): RouteSpec[] =>
  mods.flatMap((m) => m.routes?.(deps) ?? []);

export const moduleJobs = (mods: readonly ModuleDefinition[], deps: AppDeps): JobSpec[] =>
  mods.flatMap((m) => m.jobs?.(deps) ?? []);

export const personalDataSections = (mods: readonly ModuleDefinition[]): PersonalDataSection[] =>
  mods.flatMap((m) => (m.privacy ? [m.privacy] : []));

export const demoSteps = (mods: readonly ModuleDefinition[]): DemoStep[] =>
  mods.flatMap((m) => (m.demo ? [m.demo] : []));

export const moduleReviewKinds = (mods: readonly ModuleDefinition[]): ReviewKind[] =>
  mods.flatMap((m) => [...(m.reviewKinds ?? [])]);

export const moduleSubscribers = (mods: readonly ModuleDefinition[]): Subscriber[] =>
  mods.flatMap((m) => [...(m.subscribers ?? [])]);

/** Template key → the WeChat template id configured for this deployment, from every module's templates. */
export function templateIdsOf(mods: readonly ModuleDefinition[], config: ServerConfig): Record<TTemplateKey, string> {
  const out: Partial<Record<TTemplateKey, string>> = {};
  for (const m of mods) {
    for (const [key, variable] of Object.entries(m.notificationTemplates ?? {})) {
      out[key as TTemplateKey] = String(config[variable as keyof ServerConfig]);
    }
  }
  return out as Record<TTemplateKey, string>;
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((n) => seen.size === seen.add(n).size))];
}

/**
 * What a mistake in a module definition looks like at start, instead of a
 * silent gap: two modules with one name, two owners of a job, a template, a
 * review kind or a subscriber, a template key nobody declares, and a slot
 * entry left undefined (the sign of an import cycle read at load time).
 */
export function moduleProblems(mods: readonly ModuleDefinition[], deps: AppDeps): string[] {
  const problems: string[] = [];
  const say = (what: string, names: string[]) => names.forEach((n) => problems.push(`${what}: ${n}`));
  say('duplicate module', duplicates(mods.map((m) => m.name)));
  say('duplicate job', duplicates(moduleJobs(mods, deps).map((j) => j.name)));
  const templateKeys = mods.flatMap((m) => Object.keys(m.notificationTemplates ?? {}));
  say('template declared twice', duplicates(templateKeys));
  say(
    'template no module declares',
    TEMPLATE_KEYS.filter((k) => !templateKeys.includes(k)),
  );
  for (const m of mods) {
    if (m.reviewKinds?.some((k) => !k)) problems.push(`undefined review kind in ${m.name}`);
    if (m.subscribers?.some((s) => !s)) problems.push(`undefined subscriber in ${m.name}`);
  }
  say(
    'duplicate review kind',
    duplicates(
      moduleReviewKinds(mods)
        .filter(Boolean)
        .map((k) => k.name),
    ),
  );
  say(
    'duplicate subscriber',
    duplicates(
      moduleSubscribers(mods)
        .filter(Boolean)
        .map((s) => s.name),
    ),
  );
  return problems;
}
