import { Text, View } from '@tarojs/components';
import { useInbox } from '../../hooks/useInbox';
import { formatTime } from '../../services/format';
import { go } from '../../services/nav';
import { Notice } from '../Notice';
import './InboxSection.scss';

/** 消息通知: in-app copies of everything the server sends (subscribe messages may be declined). */
export function InboxSection({ enabled }: { enabled: boolean }) {
  const inbox = useInbox(enabled);
  const items = inbox.data?.items ?? [];
  return (
    <View className="card" id="inbox">
      <Text className="card__title">消息通知{inbox.data?.unread ? `（${inbox.data.unread} 条未读）` : ''}</Text>
      <Notice message={inbox.error} id="inbox-error" />
      {!inbox.loading && !inbox.error && items.length === 0 ? <Text className="muted">暂无消息</Text> : null}
      {items.map((n) => (
        <View
          key={n.id}
          className={`inbox__item${n.readAt ? '' : ' inbox__item--unread'}`}
          onClick={() => {
            void inbox.markRead(n.id).catch(() => undefined);
            if (n.link && n.link.startsWith('/')) go(n.link);
          }}
        >
          <Text className="inbox__title">{n.title}</Text>
          <Text className="inbox__body">{n.body}</Text>
          <Text className="muted">{formatTime(n.createdAt)}</Text>
        </View>
      ))}
    </View>
  );
}
