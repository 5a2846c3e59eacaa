import type { TTemplateKey } from '@shared/schemas/notifications';
import type { ServerConfig } from '../../../config/env';
import { templateIdsOf } from '../../platform/compose';
import { allModules } from '../index';

/** Template key → the WeChat template id configured for this deployment (each module lists the templates it sends). */
export const templateIds = (config: ServerConfig): Record<TTemplateKey, string> => templateIdsOf(allModules(), config);

export const knownTemplateIds = (config: ServerConfig): Set<string> => new Set(Object.values(templateIds(config)));

/** WeChat template data wants `{ key: { value } }`; callers may pass plain strings. */
export function toTemplateData(data: Record<string, unknown> | undefined): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    if (v && typeof v === 'object' && 'value' in v) out[k] = { value: String((v as { value: unknown }).value) };
    else out[k] = { value: String(v) };
  }
  return out;
}
