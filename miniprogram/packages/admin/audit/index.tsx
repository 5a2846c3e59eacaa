import { Button, Input, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAudit } from '../../../hooks/useAudit';
import { formatTime } from '../../../services/format';
import { auditActionLabel } from '../../../services/admin';
import './index.scss';

export default function AdminAuditPage() {
  const guard = useStaffGuard('district_admin');
  const audit = useAudit(guard.allowed);

  if (!guard.allowed) {
    return (
      <PageShell title="审计日志">
        <Notice message={guard.user ? '仅区级管理员可以查看审计日志。' : null} id="admin-forbidden" />
      </PageShell>
    );
  }

  return (
    <PageShell title="审计日志">
      <View className="card audit__filter">
        <Input
          id="audit-action"
          className="field__input audit__filter-input"
          value={audit.action}
          placeholder="按操作筛选，如 personal_data.viewed"
          onInput={(e) => audit.setAction(e.detail.value)}
          onConfirm={() => void audit.search()}
        />
        <Button id="audit-search" className="btn btn--primary audit__filter-btn" onClick={() => void audit.search()}>
          筛选
        </Button>
      </View>
      <Notice message={audit.error} id="audit-error" />
      <Text className="muted">共 {audit.total} 条</Text>
      {!audit.loading && !audit.error && audit.items.length === 0 ? <EmptyState title="暂无审计记录" /> : null}
      {audit.items.map((e) => (
        <View key={e.id} className="card audit__entry">
          <View className="audit__head">
            <Text className="audit__action">{auditActionLabel(e.action)}</Text>
            <Text className="muted">{formatTime(e.at)}</Text>
          </View>
          <Text className="muted">
            操作人：{e.actor?.displayName ?? '系统'}
            {e.target ? ` · 对象：${e.target.type} ${e.target.id}` : ''}
          </Text>
        </View>
      ))}
      {audit.more ? (
        <Button className="btn btn--plain" loading={audit.loading} onClick={() => void audit.more?.()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
