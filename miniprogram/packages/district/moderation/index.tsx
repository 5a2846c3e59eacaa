import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { TReviewItemDto } from '@shared/schemas/review';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useModeration } from '../../../hooks/volunteering/useModeration';
import { formatDate } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/** The district's one 内容审核 page: every kind a module registers shows here in one shape. */
export default function ModerationPage() {
  const guard = useStaffGuard('district_admin');
  const m = useModeration(guard.allowed);
  const [reason, setReason] = useState('');
  if (!guard.allowed)
    return (
      <PageShell title="内容审核">
        <Notice message={guard.user ? '仅区级管理员可以审核内容。' : null} id="district-forbidden" />
      </PageShell>
    );
  const data = m.queue.data;
  const items = data?.items ?? [];
  const total = (data?.kinds ?? []).reduce((n, k) => n + k.total, 0);
  const tabs = [{ kind: 'all', label: `全部（${total}）` }, ...(data?.kinds ?? []).map((k) => ({ kind: k.kind, label: `${k.label}（${k.total}）` }))];
  const actions = (item: TReviewItemDto) => (
    <View className="v-actions">
      {item.abilities.approve ? (
        <Button
          id={`moderation-${item.id}-approve`}
          className="btn btn--primary"
          loading={m.action.busy === `approve-${item.id}`}
          onClick={() => void m.decide(item, 'approve', '')}
        >
          通过
        </Button>
      ) : null}
      {item.abilities.reject ? (
        <Button
          id={`moderation-${item.id}-reject`}
          className="btn btn--danger"
          loading={m.action.busy === `reject-${item.id}`}
          onClick={() => void m.decide(item, 'reject', reason)}
        >
          驳回
        </Button>
      ) : null}
    </View>
  );
  return (
    <PageShell title="内容审核">
      <View className="v-chips">
        {tabs.map((t) => (
          <Text
            key={t.kind}
            id={`moderation-tab-${t.kind}`}
            className={`v-chip${m.kind === t.kind ? ' v-chip--on' : ''}`}
            onClick={() => m.setKind(t.kind)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <Notice message={m.queue.error ?? m.action.error} id="moderation-error" />
      <Notice type="success" message={m.action.success} id="moderation-success" />
      <FormField id="moderation-reason" label="驳回理由" value={reason} maxlength={500} onChange={setReason} />
      {!m.queue.loading && items.length === 0 ? <EmptyState title="没有待审核的内容" /> : null}
      <View id="moderation-list">
        {items.map((item) => (
          <View key={`${item.kind}-${item.id}`} className="card v-item" id={`moderation-${item.id}`}>
            <Text className="v-item__title">{item.title}</Text>
            <Text className="v-item__meta">
              {item.kindLabel} · {item.state} · {item.author.nameMasked} · {formatDate(item.heldAt)}
            </Text>
            <Text className="v-item__meta">待审核内容：{item.text}</Text>
            {item.previous ? <Text className="v-item__meta">当前内容：{item.previous}</Text> : null}
            {item.images.map((img) => (
              <View key={img.url}>
                <Image src={img.url} mode="widthFix" style={{ width: '100%' }} />
                {img.label ? <Text className="v-item__meta">{img.label}</Text> : null}
              </View>
            ))}
            {item.context.map((c) => (
              <Text key={c.label} className="v-item__meta">
                {c.label}：{c.value}
              </Text>
            ))}
            {actions(item)}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
