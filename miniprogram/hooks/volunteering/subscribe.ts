import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import type { TSubscribeResult } from '../../services/types';
import { loadClientConfig } from '../useClientConfig';

const SIGNUP_TEMPLATE_KEYS = ['activityReminder', 'signupResult', 'waitlistOffer'];

/**
 * Asks for the one-time subscribe-message consents a signup needs (reminder,
 * result, waitlist offer) on the user's tap, and reports the answers. weapp
 * only; never blocks the signup when the user declines or the call fails.
 */
export async function askSignupConsent(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const cfg = await loadClientConfig();
    const ids = SIGNUP_TEMPLATE_KEYS.map((k) => cfg.subscribeTemplates[k]).filter(Boolean);
    if (!ids.length) return;
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never)) as unknown as Record<
      string,
      string
    >;
    const results: Record<string, TSubscribeResult> = {};
    for (const tid of ids) if (res[tid]) results[tid] = res[tid] as TSubscribeResult;
    if (Object.keys(results).length) await api.reportSubscriptions(results);
  } catch {
    // Consent is optional: the signup goes ahead; reminders then arrive in the in-app inbox only.
  }
}
