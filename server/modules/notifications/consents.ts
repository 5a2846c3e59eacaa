import { Types } from 'mongoose';
import type { TSubscriptionsInput } from '@shared/schemas/notifications';
import type { AppDeps } from '../../deps';
import type { Refusal } from '../../platform/outcome';
import { User, type UserDoc } from '../users';
import { knownTemplateIds } from './templates';

const consentPath = (templateId: string) => `subscribeConsents.${templateId}`;

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
  const inc: Record<string, number> = {};
  const set: Record<string, number> = {};
  for (const [templateId, result] of Object.entries(input.results)) {
    if (result === 'accept') inc[consentPath(templateId)] = 1;
    if (result === 'ban') set[consentPath(templateId)] = 0;
  }
  const update: Record<string, unknown> = {};
  if (Object.keys(inc).length) update.$inc = inc;
  if (Object.keys(set).length) update.$set = set;
  const user = Object.keys(update).length
    ? await User.findOneAndUpdate({ _id: new Types.ObjectId(userId) }, update, {
        returnDocument: 'after',
      }).lean<UserDoc>()
    : await User.findById(userId).lean<UserDoc>();
  if (!user) return { outcome: 'not_found' };
  return { outcome: 'recorded', consents: consentCounts(deps, user) };
}

export function consentCounts(deps: AppDeps, user: Pick<UserDoc, 'subscribeConsents'>): Record<string, number> {
  const raw = user.subscribeConsents as unknown;
  const map: Record<string, number> =
    raw instanceof Map ? Object.fromEntries(raw) : ((raw ?? {}) as Record<string, number>);
  const out: Record<string, number> = {};
  for (const id of knownTemplateIds(deps.config)) out[id] = Math.max(0, Number(map[id] ?? 0));
  return out;
}

/** Takes one consent if any is left: one atomic conditional update, never below zero. */
export async function takeConsent(userId: Types.ObjectId, templateId: string): Promise<boolean> {
  const res = await User.updateOne(
    { _id: userId, status: 'active', [consentPath(templateId)]: { $gt: 0 } },
    { $inc: { [consentPath(templateId)]: -1 } },
  );
  return res.modifiedCount === 1;
}

/** Returns a reserved consent WeChat never used (the message was not delivered). */
export async function giveConsentBack(userId: Types.ObjectId, templateId: string): Promise<void> {
  await User.updateOne({ _id: userId, status: 'active' }, { $inc: { [consentPath(templateId)]: 1 } });
}

/** WeChat says the user has no consent left (43101): our count was stale. */
export async function clearConsent(userId: Types.ObjectId, templateId: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { [consentPath(templateId)]: 0 } });
}
