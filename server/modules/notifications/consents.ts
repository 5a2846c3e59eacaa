import type { TSubscriptionsInput } from '@shared/schemas/notifications';
import type { AppDeps } from '../../deps';
import type { Refusal } from '../../platform/outcome';
import { adjustSubscribeConsents, type UserDoc } from '../users';
import { knownTemplateIds } from './templates';

/**
 * Records what wx.requestSubscribeMessage reported: each 'accept' is one more
 * one-time consent for that template; 'ban' means the user switched the
 * template off in WeChat, so nothing we hold can be delivered any more.
 */
export async function recordSubscribeResults(
  deps: AppDeps,
  userId: string,
  input: TSubscriptionsInput,
): Promise<{ outcome: 'recorded'; consents: Record<string, number> } | { outcome: 'unknown_templates'; templateIds: string[] } | Refusal<'not_found'>> {
  const known = knownTemplateIds(deps.config);
  const unknown = Object.keys(input.results).filter((t) => !known.has(t));
  if (unknown.length) return { outcome: 'unknown_templates', templateIds: unknown };
  const results = Object.entries(input.results);
  const consents = await adjustSubscribeConsents(userId, {
    accepted: results.filter(([, r]) => r === 'accept').map(([t]) => t),
    banned: results.filter(([, r]) => r === 'ban').map(([t]) => t),
  });
  if (consents === null) return { outcome: 'not_found' };
  return { outcome: 'recorded', consents: consentCounts(deps, { subscribeConsents: consents }) };
}

export function consentCounts(deps: AppDeps, user: Pick<UserDoc, 'subscribeConsents'>): Record<string, number> {
  const raw = user.subscribeConsents as unknown;
  const map: Record<string, number> =
    raw instanceof Map ? Object.fromEntries(raw) : ((raw ?? {}) as Record<string, number>);
  const out: Record<string, number> = {};
  for (const id of knownTemplateIds(deps.config)) out[id] = Math.max(0, Number(map[id] ?? 0));
  return out;
}
