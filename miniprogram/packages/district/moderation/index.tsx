import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useModeration } from '../../../hooks/volunteering/useModeration';
import { formatDate } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/** WeChat's image check of an outside cover, as the moderator reads it. */
const COVER_CHECK_LABELS = {
  pending: '检测中',
  pass: '未发现问题',
  review: '需人工判断',
  risky: '违规，已移除',
} as const;

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
  const list = m.kind === 'activities' ? m.activities : m.kind === 'intros' ? m.intros : m.notes;
  const count = (list.data?.items ?? []).length;
  const actions = (target: string) => (
    <View className="v-actions">
      <Button
        id={`moderation-${target}-approve`}
        className="btn btn--primary"
        loading={m.action.busy === `approve-${target}`}
        onClick={() => void m.decide(target, 'approve', '')}
      >
        通过
      </Button>
      <Button
        id={`moderation-${target}-reject`}
        className="btn btn--danger"
        loading={m.action.busy === `reject-${target}`}
        onClick={() => void m.decide(target, 'reject', reason)}
      >
        驳回
      </Button>
    </View>
  );
  return (
    <PageShell title="内容审核">
      <View className="v-chips">
        {(
          [
            ['activities', `活动（${m.activities.data?.total ?? 0}）`],
            ['intros', `志愿者简介（${m.intros.data?.total ?? 0}）`],
            ['notes', `报名备注（${m.notes.data?.total ?? 0}）`],
          ] as const
        ).map(([key, label]) => (
          <Text
            key={key}
            id={`moderation-tab-${key}`}
            className={`v-chip${m.kind === key ? ' v-chip--on' : ''}`}
            onClick={() => m.setKind(key)}
          >
            {label}
          </Text>
        ))}
      </View>
      <Notice message={list.error ?? m.action.error} id="moderation-error" />
      <Notice type="success" message={m.action.success} id="moderation-success" />
      <FormField id="moderation-reason" label="驳回理由" value={reason} maxlength={500} onChange={setReason} />
      {!list.loading && count === 0 ? <EmptyState title="没有待审核的内容" /> : null}
      <View id="moderation-list">
        {m.kind === 'activities'
          ? (m.activities.data?.items ?? []).map((a) => {
              const held = a.review?.heldEdit;
              return (
                <View key={a.id} className="card v-item" id={`moderation-${a.id}`}>
                  <Text className="v-item__title">{held?.title ?? a.title}</Text>
                  <Text className="v-item__meta">
                    {a.teamName} · {a.review?.label ?? '审核中'} · {formatDate(a.startsAt)}
                  </Text>
                  {held ? <Text className="v-item__meta">修改前：{a.title}</Text> : null}
                  <Text className="v-item__meta">{held?.description ?? a.description}</Text>
                  {(held?.coverUrl ?? a.coverUrl) ? (
                    <Image src={(held?.coverUrl ?? a.coverUrl) as string} mode="widthFix" style={{ width: '100%' }} />
                  ) : null}
                  {a.review?.coverCheck ? (
                    <Text className="v-item__meta" id={`moderation-${a.id}-cover-check`}>
                      封面图片检测：{COVER_CHECK_LABELS[a.review.coverCheck]}
                    </Text>
                  ) : null}
                  {actions(a.id)}
                </View>
              );
            })
          : m.kind === 'notes'
            ? (m.notes.data?.items ?? []).map((n) => (
                <View key={n.signupId} className="card v-item" id={`moderation-${n.signupId}`}>
                  <Text className="v-item__title">{n.activityTitle}</Text>
                  <Text className="v-item__meta">
                    {n.teamName} · {n.nameMasked} · 报名于 {formatDate(n.createdAt)}
                  </Text>
                  <Text className="v-item__meta">待审核备注：{n.note}</Text>
                  {actions(n.signupId)}
                </View>
              ))
            : (m.intros.data?.items ?? []).map((v) => (
                <View key={v.userId} className="card v-item" id={`moderation-${v.userId}`}>
                  <Text className="v-item__title">
                    {v.nameMasked} · {v.volunteerNo}
                  </Text>
                  <Text className="v-item__meta">待审核简介：{v.heldIntro}</Text>
                  {v.intro ? <Text className="v-item__meta">当前简介：{v.intro}</Text> : null}
                  {actions(v.userId)}
                </View>
              ))}
      </View>
    </PageShell>
  );
}
