import { defineModule } from '../../../platform/module';
import { noticeReviewKind } from './review';
import { routes } from './routes';
import { noticeSubscribers } from './subscribers';

/** Community · Notices and urgent alerts: publishing (reviewed when the keyword list holds them), reading, pushing alerts. */
export const communityNoticesModule = defineModule({
  name: 'community/notices',
  routes: (deps) => routes(deps),
  reviewKinds: [noticeReviewKind],
  notificationTemplates: { communityAlert: 'WECHAT_TEMPLATE_COMMUNITY_ALERT' },
  get subscribers() {
    return noticeSubscribers;
  },
});

// The facade: what other modules may use.
export { activeAlerts, listNotices } from './queries';
export { communityNames } from './routes';
export { presentNoticeSummary } from './presenter';
export { publishNotice } from './commands/publish-notice';
export { Notice, NoticeRead } from './model';
// Registered at load (the platform checks and repairs them): see ./invariants.ts.
export { noticeInvariants } from './invariants';
