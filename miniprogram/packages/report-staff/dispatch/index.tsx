import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { TextAreaField } from '../../../components/TextAreaField';
import { useAsync } from '../../../hooks/useAsync';
import { useStaffQueue } from '../../../hooks/reports/useStaffQueue';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { reportsApi } from '../../../services/reports';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

/** 工单调度 (dispatchers): the queue (unrouted, transferred, reopened), dispatch, reject, and the overdue board. */
export default function DispatchPage() {
  const q = useStaffQueue('dispatch');
  const depts = useAsync(() => reportsApi.departments(), []);
  const [deptIndex, setDeptIndex] = useState(0);
  const deptList = depts.data?.items ?? [];
  const dept = deptList[deptIndex];
  const items = q.list.data?.items ?? [];
  return (
    <PageShell title="工单调度">
      <View className="v-actions">
        <Button id="dispatch-queue" className={`btn ${q.queue === 'dispatch' ? 'btn--primary' : 'btn--plain'}`} onClick={() => q.setQueue('dispatch')}>
          待派遣
        </Button>
        <Button id="dispatch-overdue" className={`btn ${q.queue === 'overdue' ? 'btn--primary' : 'btn--plain'}`} onClick={() => q.setQueue('overdue')}>
          超时督办
        </Button>
        <Button id="dispatch-stats" className="btn btn--plain" onClick={() => go(ROUTES.reportStats)}>
          统计
        </Button>
      </View>
      <View className="card">
        <Picker mode="selector" range={deptList.map((d) => d.name)} onChange={(e) => setDeptIndex(Number(e.detail.value))}>
          <View className="row" id="dispatch-department">
            <Text className="row__label">派遣部门</Text>
            <Text id="dispatch-department-value">{dept?.name ?? '暂无部门'} ▾</Text>
          </View>
        </Picker>
        <TextAreaField id="dispatch-note" label="说明 / 原因（不予受理、办结未解决、重新打开须填写）" value={q.note} error={q.noteError ?? undefined} maxlength={500} onChange={q.setNote} />
      </View>
      <Notice message={q.action.error} id="dispatch-error" />
      <Notice type="success" message={q.action.success} id="dispatch-success" />
      {!q.list.loading && items.length === 0 ? <EmptyState title="队列为空" /> : null}
      <View id="dispatch-list">
        {items.map((r) => (
          <View key={r.id} className="card v-item" id={`dispatch-${r.id}`}>
            <Text className="v-item__title">{r.categoryLabel}</Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {r.reporter?.name ?? ''}
              {r.anonymous ? '（匿名）' : ''} · {formatTime(r.createdAt)}
            </Text>
            <Text className="v-badge">
              {r.statusLabel}
              {r.sla.overdue ? ` · 已超时（督办级别 ${r.sla.escalation}）` : ''}
            </Text>
            <View className="v-actions">
              {r.abilities.dispatch && dept ? (
                <Button id={`dispatch-${r.id}-go`} key={dept.id} className="btn btn--primary" onClick={() => void q.act(r.id, 'dispatch', { departmentId: dept.id })}>
                  派遣至{dept.name}
                </Button>
              ) : null}
              {r.abilities.accept ? <Button id={`dispatch-${r.id}-accept`} className="btn btn--plain" onClick={() => void q.act(r.id, 'accept')}>受理</Button> : null}
              {r.abilities.reject ? <Button id={`dispatch-${r.id}-reject`} className="btn btn--plain" onClick={() => void q.act(r.id, 'reject')}>不予受理</Button> : null}
              {r.abilities.close_not_fixed ? <Button id={`dispatch-${r.id}-close`} className="btn btn--plain" onClick={() => void q.act(r.id, 'close_not_fixed')}>办结（未解决）</Button> : null}
              {r.abilities.reopen ? <Button id={`dispatch-${r.id}-reopen`} className="btn btn--plain" onClick={() => void q.act(r.id, 'reopen')}>重新打开</Button> : null}
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
