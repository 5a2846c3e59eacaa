import { Button, Picker, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { useAudit } from '../../../hooks/useAudit';
import { formatTime } from '../../../services/format';
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from '../../../services/admin';

/** The filter's choices: 全部操作, then every named action. */
const ACTION_CODES = ['', ...Object.keys(AUDIT_ACTION_LABELS)];
const ACTION_NAMES = ACTION_CODES.map((c) => (c ? AUDIT_ACTION_LABELS[c] : '全部操作'));
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
        <Picker
          id="audit-action"
          className="audit__filter-picker"
          mode="selector"
          range={ACTION_NAMES}
          value={Math.max(0, ACTION_CODES.indexOf(audit.action))}
          onChange={(e) => audit.filter(ACTION_CODES[Number(e.detail.value)] ?? '')}
        >
          <View className="field__input picker-field__value audit__filter-input" id="audit-action-value">
            <Text>{audit.action ? auditActionLabel(audit.action) : '全部操作'}</Text>
          </View>
        </Picker>
        <Button id="audit-search" className="btn btn--primary audit__filter-btn" onClick={() => void audit.search()}>
          刷新
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
          <Text className="muted audit__who">操作人：{e.actor?.displayName ?? '系统'}</Text>
          {e.target ? (
            <Text className="muted audit__what">
              对象：{auditTargetLabel(e.target.type)}
              {e.target.title ? `「${e.target.title}」` : `（编号 ${e.target.id.slice(-6)}）`}
            </Text>
          ) : null}
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
