import type { SubscribeSendResult } from '../../wechat';
import type { AppDeps } from '../../deps';
import { clearSubscribeConsent, findContact, giveSubscribeConsentBack, takeSubscribeConsent } from '../users';
import { Notification, type NotificationDoc, type TNotificationStatus } from './model';
import { toTemplateData } from './templates';

/** A claimed item not finished within this time is considered abandoned (crashed process) and claimed again. */
export const SEND_LEASE_MS = 2 * 60 * 1000;
export const BACKOFF_BASE_MS = 30 * 1000;
export const BACKOFF_MAX_MS = 60 * 60 * 1000;
/** WeChat: the user has no remaining subscription for this template. */
export const ERR_NO_SUBSCRIPTION = 43101;

export const backoffMs = (attempts: number): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** Claims one due item atomically: pending and due, or a sending item whose lease ran out. */
async function claimNext(now: Date): Promise<NotificationDoc | null> {
  return Notification.findOneAndUpdate(
    {
      channel: 'subscribe',
      $or: [
        { status: 'pending', nextAttemptAt: { $lte: now } },
        { status: 'sending', leaseUntil: { $lte: now } },
      ],
    },
    { $set: { status: 'sending', leaseUntil: new Date(now.getTime() + SEND_LEASE_MS) }, $inc: { attempts: 1 } },
    { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
  ).lean<NotificationDoc>();
}

async function finish(
  item: NotificationDoc,
  status: TNotificationStatus,
  extra: Partial<NotificationDoc> = {},
): Promise<void> {
  await Notification.updateOne(
    { _id: item._id, status: 'sending' },
    { $set: { status, ...extra }, $unset: { leaseUntil: 1 } },
  );
}

type Outcome = keyof SendReport;

/**
 * Consent rules (documented for operators):
 * - A consent is reserved (atomic $inc -1 guarded by $gt 0) before the first
 *   attempt; without one the item ends as `skipped_no_consent`. Retries reuse
 *   the reservation, so one message never costs two consents.
 * - Delivered → the consent is spent.
 * - WeChat answers 43101 (no subscription on its side) → our count was stale:
 *   it is set to 0 and the reservation is not returned.
 * - Any other final failure (non-retryable error, or attempts exhausted) → WeChat
 *   did not use the consent, so it is given back for the next message.
 */
async function deliver(deps: AppDeps, item: NotificationDoc, now: Date): Promise<Outcome> {
  const templateId = item.templateId ?? '';
  const user = await findContact(item.user);
  if (!user?.openid || user.status !== 'active') {
    await finish(item, 'skipped_no_consent', { lastError: 'user_unavailable' });
    return 'skipped';
  }
  if (!item.consentReserved) {
    if (!(await takeSubscribeConsent(item.user, templateId))) {
      await finish(item, 'skipped_no_consent', { lastError: 'no_remaining_consent' });
      return 'skipped';
    }
    await Notification.updateOne({ _id: item._id }, { $set: { consentReserved: true } });
  }
  let result: SubscribeSendResult;
  try {
    result = await deps.wechat.sendSubscribeMessage({
      touser: user.openid,
      templateId,
      page: item.link,
      data: toTemplateData(item.data),
      miniprogramState: deps.config.isProduction ? 'formal' : 'developer',
    });
  } catch (err) {
    result = { ok: false, errcode: -1, errmsg: err instanceof Error ? err.message : String(err), retryable: true };
  }
  if (result.ok) {
    await finish(item, 'sent', { sentAt: now, msgid: result.msgid, lastError: undefined });
    return 'sent';
  }
  const lastError = `${result.errcode} ${result.errmsg}`.slice(0, 500);
  if (result.errcode === ERR_NO_SUBSCRIPTION) {
    await clearSubscribeConsent(item.user, templateId);
    await finish(item, 'skipped_no_consent', { lastError });
    return 'skipped';
  }
  if (result.retryable && item.attempts < deps.config.NOTIFY_MAX_ATTEMPTS) {
    await finish(item, 'pending', { lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(item.attempts)) });
    return 'retried';
  }
  await giveSubscribeConsentBack(item.user, templateId);
  await finish(item, 'failed', { lastError });
  return 'failed';
}

/**
 * Sends every due subscribe message (the recurring job calls this; tests call
 * it directly with a controlled clock). Safe to run in several processes.
 */
export async function sendDueNotifications(
  deps: AppDeps,
  opts: { limit?: number; now?: Date } = {},
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const limit = opts.limit ?? 100;
  for (let i = 0; i < limit; i++) {
    const now = opts.now ?? deps.now();
    const item = await claimNext(now);
    if (!item) break;
    try {
      report[await deliver(deps, item, now)] += 1;
    } catch (err) {
      // Leave the item to its lease: it is retried once the lease expires.
      deps.logger.error({ err, notification: String(item._id) }, 'notification delivery crashed');
    }
  }
  return report;
}
