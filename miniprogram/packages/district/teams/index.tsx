import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useTeamCertification, type TTeamAppStatus } from '../../../hooks/volunteering/useDistrictReview';
import { formatDate } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

const TABS: { key: TTeamAppStatus; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'certified', label: '已认证' },
  { key: 'rejected', label: '已驳回' },
];

export default function TeamCertificationPage() {
  const guard = useStaffGuard('district_admin');
  const c = useTeamCertification(guard.allowed);
  const [reason, setReason] = useState('');
  if (!guard.allowed)
    return (
      <PageShell title="团队认证">
        <Notice message={guard.user ? '仅区级管理员可以认证团队。' : null} id="district-forbidden" />
      </PageShell>
    );
  const items = c.list.data?.items ?? [];
  return (
    <PageShell title="志愿团队认证">
      <View className="v-chips">
        {TABS.map((t) => (
          <Text
            key={t.key}
            id={`district-teams-${t.key}`}
            className={`v-chip${c.status === t.key ? ' v-chip--on' : ''}`}
            onClick={() => c.setStatus(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <Notice message={c.list.error ?? c.action.error} id="district-teams-error" />
      <Notice type="success" message={c.action.success} id="district-teams-success" />
      {c.status === 'pending' ? (
        <FormField id="district-team-reason" label="驳回理由" value={reason} maxlength={500} onChange={setReason} />
      ) : null}
      {!c.list.loading && items.length === 0 ? <EmptyState title="没有记录" /> : null}
      <View id="district-teams">
        {items.map((t) => (
          <View key={t.id} className="card v-item" id={`district-team-${t.id}`}>
            <Text className="v-item__title">{t.name}</Text>
            <Text className="v-item__meta">
              {t.hostOrg} · {t.serviceArea} · {t.address}
            </Text>
            <Text className="v-item__meta">
              联系人 {t.contactName ?? '—'} · 申请于 {formatDate(t.createdAt)}
            </Text>
            {t.intro ? <Text className="v-item__meta">{t.intro}</Text> : null}
            {t.rejectReason ? <Text className="v-item__meta">驳回理由：{t.rejectReason}</Text> : null}
            {t.status === 'pending' ? (
              <View className="v-actions">
                <Button
                  id={`district-team-${t.id}-certify`}
                  className="btn btn--primary"
                  loading={c.action.busy === `certify-${t.id}`}
                  onClick={() => void c.review(t.id, 'certify', '')}
                >
                  认证
                </Button>
                <Button
                  id={`district-team-${t.id}-reject`}
                  className="btn btn--danger"
                  onClick={() => void c.review(t.id, 'reject', reason)}
                >
                  驳回
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
