import type { TNotificationDto } from '@shared/schemas/notifications';
import type { NotificationDoc } from './model';

export const presentNotification = (n: NotificationDoc): TNotificationDto => ({
  id: n._id.toHexString(),
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt ? n.readAt.toISOString() : undefined,
  createdAt: n.createdAt.toISOString(),
});
