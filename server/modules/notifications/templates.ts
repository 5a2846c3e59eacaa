import type { TTemplateKey } from '@shared/schemas/notifications';
import type { ServerConfig } from '../../../config/env';

/** Template key → the WeChat template id configured for this deployment. */
export function templateIds(config: ServerConfig): Record<TTemplateKey, string> {
  return {
    activityReminder: config.WECHAT_TEMPLATE_ACTIVITY_REMINDER,
    signupResult: config.WECHAT_TEMPLATE_SIGNUP_RESULT,
    waitlistOffer: config.WECHAT_TEMPLATE_WAITLIST_OFFER,
    issueUpdate: config.WECHAT_TEMPLATE_ISSUE_UPDATE,
    bookingUpdate: config.WECHAT_TEMPLATE_BOOKING_UPDATE,
  };
}

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
