import { defineModule } from '../../platform/module';
import { routes } from './routes';
import { sendDueNotifications } from './sender';
import { notificationSubscribers } from './subscribers';

export const SEND_NOTIFICATIONS_JOB = 'notifications.send-due';

/**
 * Inbox and subscribe messages. The templates listed here are the ones no
 * domain module sends yet: the reports and clinic modules take them over when
 * they arrive (each module lists the templates it sends).
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: (deps) => routes(deps),
  jobs: (deps) => [
    {
      name: SEND_NOTIFICATIONS_JOB,
      every: '5 seconds',
      handler: async () => {
        await sendDueNotifications(deps);
      },
    },
  ],
  notificationTemplates: {
    issueUpdate: 'WECHAT_TEMPLATE_ISSUE_UPDATE',
  },
  // A getter: read when the list is composed, not at load (see defineModule).
  get subscribers() {
    return notificationSubscribers;
  },
});

/** What other modules use: notify() to reach a user, the sender for the job runner. */
export { notify, type NotifyInput, type NotifyResult } from './notify';
export { type Notice } from './subscribers';
export { sendDueNotifications, type SendReport } from './sender';
export { Notification, type NotificationDoc } from './model';
export { deleteNotificationsOf, notificationsOf } from './inbox';
export { templateIds } from './templates';

// The facade: what other modules may use.
export { consentCounts } from './consents';
