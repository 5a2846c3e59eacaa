import { Types } from 'mongoose';
import type { TTemplateKey } from '@shared/schemas/notifications';
import type { AppDeps } from '../../deps';
import { findContact } from '../users';
import { Notification, type NotificationDoc } from './model';
import { templateIds } from './templates';

export interface NotifyInput {
  title: string;
  body: string;
  /** Mini-program page, e.g. `pages/activity/detail/index?id=…`. */
  link?: string;
  /** When set, a WeChat subscribe message is queued too (sent only with remaining consent). */
  templateKey?: TTemplateKey;
  /** Template fields, e.g. `{ thing1: '社区清洁', time2: '2026-11-30 09:00' }`. */
  data?: Record<string, unknown>;
  /** Same key twice → the second call changes nothing (idempotent enqueue). */
  dedupeKey?: string;
}

export interface NotifyResult {
  inbox: NotificationDoc;
  subscribe?: NotificationDoc;
}

const isDuplicateKey = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;

/**
 * Inserts the message unless one with its dedupe key exists (then returns that one). An upsert
 * rather than insert-and-catch: inside a transaction (an outbox subscriber) a duplicate-key
 * error would abort the whole transaction.
 */
async function insertOnce(doc: Partial<NotificationDoc>): Promise<NotificationDoc> {
  if (!doc.dedupeKey) return (await Notification.create(doc)).toObject();
  try {
    const at = new Date();
    const fields = Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
    const found = await Notification.findOneAndUpdate(
      { dedupeKey: doc.dedupeKey },
      { $setOnInsert: { attempts: 0, consentReserved: false, createdAt: at, updatedAt: at, ...fields } },
      { upsert: true, returnDocument: 'after', timestamps: false },
    ).lean<NotificationDoc>();
    return found!;
  } catch (e) {
    // Two upserts of the same key raced outside a transaction: the other one's document stands.
    if (!isDuplicateKey(e)) throw e;
    const existing = await Notification.findOne({ dedupeKey: doc.dedupeKey }).lean<NotificationDoc>();
    if (!existing) throw e;
    return existing;
  }
}

/**
 * Writes the in-app message and, when a template applies and the user has a
 * WeChat openid, a subscribe-message outbox item for the sender job.
 */
export async function notify(deps: AppDeps, userId: string, input: NotifyInput): Promise<NotifyResult> {
  const user = await findContact(userId);
  const now = deps.now();
  const base = {
    user: new Types.ObjectId(userId),
    templateKey: input.templateKey,
    title: input.title,
    body: input.body,
    link: input.link,
    data: input.data,
  };
  const inbox = await insertOnce({
    ...base,
    channel: 'inbox',
    status: 'sent',
    sentAt: now,
    dedupeKey: input.dedupeKey ? `${input.dedupeKey}:inbox` : undefined,
  });
  if (!input.templateKey || !user?.openid || user.status !== 'active') return { inbox };
  const subscribe = await insertOnce({
    ...base,
    channel: 'subscribe',
    templateId: templateIds(deps.config)[input.templateKey],
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    dedupeKey: input.dedupeKey ? `${input.dedupeKey}:subscribe` : undefined,
  });
  return { inbox, subscribe };
}
