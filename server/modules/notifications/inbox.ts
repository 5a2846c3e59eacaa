import { Types } from 'mongoose';
import type { TNotificationListQuery } from '@shared/schemas/notifications';
import type { Refusal } from '../../platform/outcome';
import { Notification, type NotificationDoc } from './model';

export async function listInbox(
  userId: string,
  q: TNotificationListQuery,
): Promise<{ items: NotificationDoc[]; total: number; unread: number }> {
  const filter = { user: new Types.ObjectId(userId), channel: 'inbox' as const };
  const [items, total, unread] = await Promise.all([
    Notification.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<NotificationDoc[]>(),
    Notification.countDocuments(filter),
    Notification.countDocuments({ ...filter, readAt: { $exists: false } }),
  ]);
  return { items, total, unread };
}

/** Idempotent; someone else's notification is reported as missing, not forbidden. */
export async function markRead(userId: string, id: string, now: Date): Promise<{ outcome: 'read' } | Refusal<'not_found'>> {
  const filter = { _id: new Types.ObjectId(id), user: new Types.ObjectId(userId), channel: 'inbox' as const };
  const res = await Notification.updateOne({ ...filter, readAt: { $exists: false } }, { $set: { readAt: now } });
  if (res.matchedCount === 0 && !(await Notification.exists(filter))) return { outcome: 'not_found' };
  return { outcome: 'read' };
}

/** Every notification kept for the user, newest first (their PIPL export). */
export const notificationsOf = (user: Types.ObjectId): Promise<NotificationDoc[]> =>
  Notification.find({ user }).sort({ createdAt: -1 }).lean<NotificationDoc[]>().exec();

/** Deletes the user's private messages (account deletion, inside its unit of work). */
export async function deleteNotificationsOf(user: Types.ObjectId): Promise<void> {
  await Notification.deleteMany({ user });
}
