import type { Types } from 'mongoose';
import type { TTemplateKey } from '@shared/schemas/notifications';
import type { ServerConfig } from '../../config/env';
import type { DemoStep } from '../demo/seed';
import type { AppDeps } from '../deps';
import type { RouteSpec } from '../http/route';
import type { ReviewKind } from '../modules/review';
import type { Subscriber } from './outbox/registry';

/**
 * The module contract. Every domain folder under `server/modules/` (and every
 * part of volunteering) exports one `defineModule({...})` from its `index.ts`;
 * `server/modules/index.ts` lists them, and the app, the scheduler, privacy
 * export and deletion, notification templates, OpenAPI and the demo seed are
 * all composed from that one list. The same `index.ts` is the module's facade:
 * the only file other modules may import (eslint: `no-restricted-imports`).
 */

/** A scheduled job: a name, a handler, and `every` for recurring ones. */
export interface JobSpec {
  name: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  /** Recurring interval ('10 seconds', '1 hour', or a cron string). */
  every?: string;
  concurrency?: number;
}

/**
 * A module's part of a PIPL request. The export already includes, generically,
 * every document of every model whose schema references the user (`ref: 'User'`);
 * a module adds a section when it holds personal data that must be erased or
 * anonymised on account deletion, or when its export needs a friendlier shape.
 */
export interface PersonalDataSection {
  name: string;
  /** Optional custom export (replaces the generic dump of the listed collections). */
  export?: (userId: Types.ObjectId) => Promise<unknown>;
  /** Models (mongoose names) the custom export covers, skipped by the generic dump. */
  covers?: string[];
  /** Erase or anonymise this module's personal data about the user. Must be idempotent. */
  erase?: (userId: Types.ObjectId, now: Date, deps: AppDeps) => Promise<void>;
}

/** Subscribe-message templates a module sends: template key → the config variable holding its WeChat id. */
export type NotificationTemplates = Partial<Record<TTemplateKey, keyof ServerConfig>>;

export interface ModuleDefinition {
  /** `clinic`, `volunteering/signups`: the folder under server/modules. */
  name: string;
  routes?: (deps: AppDeps) => RouteSpec[];
  jobs?: (deps: AppDeps) => JobSpec[];
  privacy?: PersonalDataSection;
  notificationTemplates?: NotificationTemplates;
  /** Content kinds this module sends to the district's one 内容审核 queue. */
  reviewKinds?: readonly ReviewKind[];
  /** Reactions to domain events, delivered after commit by the outbox dispatcher (./outbox). */
  subscribers?: readonly Subscriber[];
  /** Demo data for `npm start` (LINLI_DEMO_DATA); idempotent. */
  demo?: DemoStep;
}

/**
 * Identity with a type: a module's definition, checked against the contract.
 * Slots that name functions should be arrows (`routes: (deps) => routes(deps)`):
 * modules import each other's facades, and an arrow reads its binding when
 * called, so a facade loaded half-way through an import cycle is harmless.
 * Slots that hold another file's values (`subscribers`, `reviewKinds`) may be
 * getters for the same reason.
 */
export function defineModule<const M extends ModuleDefinition>(definition: M): M {
  return definition;
}
