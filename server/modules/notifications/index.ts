/** What other modules use: notify() to reach a user, the sender for the job runner. */
export { notify, type NotifyInput, type NotifyResult } from './notify';
export { sendDueNotifications, type SendReport } from './sender';
export { Notification, type NotificationDoc } from './model';
