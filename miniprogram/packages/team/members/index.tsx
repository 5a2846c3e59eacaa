import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { SkeletonCards } from '../../../components/Skeleton';
import { FormField } from '../../../components/FormField';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useTeamMembers } from '../../../hooks/volunteering/useTeamMembers';
import { formatDate } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

export default function TeamMembersPage() {
  const t = useTeamAdmin(useRouter().params.team);
  const m = useTeamMembers(t.teamId, t.allowed);
  const [reason, setReason] = useState('');
  if (!t.allowed)
    return (
      <PageShell title="成员管理">
        <Notice message={t.user ? '仅团队管理员可以管理成员。' : null} id="members-forbidden" />
      </PageShell>
    );
  const pending = m.pending.data?.items ?? [];
  const active = m.active.data?.items ?? [];
  return (
    <PageShell title="成员管理">
      <Notice message={m.pending.error ?? m.active.error ?? m.action.error} id="members-error" />
      <Notice type="success" message={m.action.success} id="members-success" />
      <Text className="card__title">加入申请（{pending.length}）</Text>
      <FormField id="members-reason" label="拒绝理由" value={reason} maxlength={500} onChange={setReason} />
      {m.pending.loading && !m.pending.data ? <SkeletonCards id="members-pending-loading" count={1} /> : null}
      <View id="members-pending">
        {pending.map((r) => (
          <View key={r.id} className="card v-item" id={`join-${r.userId}`}>
            <Text className="v-item__title">{r.displayName}</Text>
            {r.message ? <Text className="v-item__meta">{r.message}</Text> : null}
            <Text className="v-item__meta">申请于 {formatDate(r.createdAt)}</Text>
            {r.abilities?.decide ? (
              <View className="v-actions">
                <Button
                  id={`join-${r.userId}-approve`}
                  className="btn btn--primary"
                  onClick={() => void m.decide(r.userId, 'approve')}
                >
                  通过
                </Button>
                <Button
                  id={`join-${r.userId}-reject`}
                  className="btn btn--danger"
                  onClick={() => void m.decide(r.userId, 'reject', reason)}
                >
                  拒绝
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <Text className="card__title">成员（{active.length}）</Text>
      {m.active.loading && !m.active.data ? <SkeletonCards id="members-active-loading" count={2} /> : null}
      <View id="members-active">
        {active.map((r) => (
          <View key={r.id} className="card v-item" id={`member-${r.userId}`}>
            <Text className="v-item__title">
              {r.displayName} {r.role === 'admin' ? '· 管理员' : ''}
            </Text>
            {r.abilities?.setRole ? (
              <Text
                className="link"
                id={`member-${r.userId}-role`}
                onClick={() => void m.setRole(r.userId, r.role === 'admin' ? 'member' : 'admin')}
              >
                {r.role === 'admin' ? '设为普通成员' : '设为管理员'}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
