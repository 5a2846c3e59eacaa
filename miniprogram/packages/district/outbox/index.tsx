import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useOutbox } from '../../../hooks/useOutbox';
import { formatTime } from '../../../services/format';
import { outboxEventLabel, outboxSubscriberLabel } from '../../../services/outbox';
import './index.scss';

/**
 * 事件投递 (district admins): events whose subscriber (audit log, messages, caches) kept failing
 * after every retry. Sending one again starts its retries from the first attempt.
 */
export default function DistrictOutboxPage() {
  const guard = useStaffGuard('district_admin');
  const outbox = useOutbox(guard.allowed);

  if (!guard.allowed) {
    return (
      <PageShell title="事件投递">
        <Notice message={guard.user ? '仅区级管理员可以查看事件投递。' : null} id="outbox-forbidden" />
      </PageShell>
    );
  }

  return (
    <PageShell title="事件投递">
      <Text className="muted outbox__intro">
        以下事件在多次重试后仍未送达（如消息通知、审计记录）。排除故障后可重新投递，已完成的部分不会重复执行。
      </Text>
      <Notice message={outbox.error} id="outbox-error" />
      {outbox.message ? <Text className="outbox__done" id="outbox-message">{outbox.message}</Text> : null}
      <View className="outbox__bar">
        <Text className="muted">共 {outbox.total} 个投递失败的事件</Text>
        {outbox.items.length > 0 ? (
          <Button
            id="outbox-retry-all"
            className="btn btn--primary outbox__bar-btn"
            loading={outbox.busy}
            disabled={outbox.busy}
            onClick={() => void outbox.retry(outbox.items.map((e) => e.id))}
          >
            全部重新投递
          </Button>
        ) : null}
      </View>
      {!outbox.loading && !outbox.error && outbox.items.length === 0 ? <EmptyState title="没有投递失败的事件" /> : null}
      {outbox.items.map((e) => (
        <View key={e.id} className="card outbox__event" id={`outbox-event-${e.id}`}>
          <View className="outbox__head">
            <Text className="outbox__type">{outboxEventLabel(e.type)}</Text>
            <Text className="muted">{formatTime(e.deadAt ?? e.createdAt)}</Text>
          </View>
          <Text className="muted outbox__line">失败环节：{outboxSubscriberLabel(e.failedSubscriber)}（已尝试 {e.attempts} 次）</Text>
          {e.lastError ? <Text className="muted outbox__line">错误信息：{e.lastError}</Text> : null}
          <Text className="muted outbox__line">发生时间：{formatTime(e.createdAt)}</Text>
          <Button
            className="btn btn--plain outbox__retry"
            disabled={outbox.busy}
            onClick={() => void outbox.retry([e.id])}
          >
            重新投递
          </Button>
        </View>
      ))}
      {outbox.more ? (
        <Button className="btn btn--plain" loading={outbox.loading} onClick={() => void outbox.more?.()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
