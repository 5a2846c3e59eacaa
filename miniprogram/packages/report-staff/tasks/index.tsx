import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { TextAreaField } from '../../../components/TextAreaField';
import { useStaffQueue } from '../../../hooks/reports/useStaffQueue';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

/** 工单处理 (handlers): my tasks and my department's; sign for, arrive on site, report progress, resolve. */
export default function HandlerTasksPage() {
  const q = useStaffQueue('mine');
  const items = q.list.data?.items ?? [];
  return (
    <PageShell title="工单处理">
      <View className="v-actions">
        <Button id="tasks-mine" className={`btn ${q.queue === 'mine' ? 'btn--primary' : 'btn--plain'}`} onClick={() => q.setQueue('mine')}>
          我的任务
        </Button>
        <Button id="tasks-department" className={`btn ${q.queue === 'department' ? 'btn--primary' : 'btn--plain'}`} onClick={() => q.setQueue('department')}>
          本部门
        </Button>
      </View>
      <View className="card">
        <TextAreaField id="tasks-note" label="处置说明 / 退回原因" value={q.note} error={q.noteError ?? undefined} maxlength={500} onChange={q.setNote} />
        <Button id="tasks-photo" className="btn btn--plain" onClick={() => void q.addPhoto()}>
          拍照或选择照片（已选 {q.photoIds.length} 张）
        </Button>
      </View>
      <Notice message={q.action.error} id="tasks-error" />
      <Notice type="success" message={q.action.success} id="tasks-success" />
      {!q.list.loading && items.length === 0 ? <EmptyState title="暂无待处理的工单" /> : null}
      <View id="tasks-list">
        {items.map((r) => (
          <View key={r.id} className="card v-item" id={`task-${r.id}`}>
            <Text className="v-item__title">{r.categoryLabel}</Text>
            <Text className="v-item__meta">{r.description}</Text>
            <Text className="v-item__meta">
              {r.address} · {r.grid?.name ?? '网格外'} · {formatTime(r.createdAt)}
            </Text>
            <Text className="v-badge" id={`task-${r.id}-status`}>
              {r.statusLabel}
              {r.sla.overdue ? ' · 已超时' : ''}
              {r.arrivedAt ? ' · 已到场' : ''}
            </Text>
            <View className="v-actions">
              {r.abilities.take ? <Button id={`task-${r.id}-take`} className="btn btn--primary" onClick={() => void q.act(r.id, 'take')}>签收</Button> : null}
              {r.abilities.arrive && !r.arrivedAt ? <Button id={`task-${r.id}-arrive`} className="btn btn--plain" onClick={() => void q.act(r.id, 'arrive')}>到场签到</Button> : null}
              {r.abilities.update ? <Button id={`task-${r.id}-update`} className="btn btn--plain" onClick={() => void q.act(r.id, 'update')}>记录进展</Button> : null}
              {r.abilities.resolve ? <Button id={`task-${r.id}-resolve`} className="btn btn--primary" onClick={() => void q.act(r.id, 'resolve')}>处置完成</Button> : null}
              {r.abilities.transfer ? <Button id={`task-${r.id}-transfer`} className="btn btn--plain" onClick={() => void q.act(r.id, 'transfer')}>退回改派</Button> : null}
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
