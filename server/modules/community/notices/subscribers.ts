import { appLinks } from '@shared/links';
import type { Subscriber } from '../../../platform/outbox/registry';
import { notify } from '../../notifications';
import { alertSubscribers } from '../residents';

/** Subscribe-message fields are short: WeChat cuts `thing` values at 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/**
 * `community.alert-push`: an urgent notice, once published, reaches every resident who asked for
 * alerts in its audience (inbox item + subscribe message). One dedupe key per notice and user,
 * so a redelivered event sends nothing twice.
 */
export const noticeSubscribers: Subscriber[] = [
  {
    name: 'community.alert-push',
    events: ['notice.published'],
    wants: (event) => event.payload.urgent === true,
    handle: async (event, deps) => {
      const { id, title, communityIds } = event.payload as { id: string; title: string; communityIds: string[] };
      // Shown in Asia/Shanghai (UTC+8, no DST).
      const at = new Date(new Date(event.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      for (const user of await alertSubscribers(communityIds)) {
        await notify(deps, user, {
          title: `紧急提醒：${title}`,
          body: '请点击查看详情并注意安全。',
          link: appLinks.notice(id),
          templateKey: 'communityAlert',
          data: { thing1: thing(title), time2: at },
          dedupeKey: `community_alert:${id}:${user}`,
        });
      }
    },
  },
];
