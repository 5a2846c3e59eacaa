import { Button, Picker, Text, View } from '@tarojs/components';
import { Button as KeyedButton } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { SelectField } from '../../../components/reports/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { useDispatchChoices } from '../../../hooks/reports/useDispatchChoices';
import { useStaffQueue } from '../../../hooks/reports/useStaffQueue';
import { formatTime } from '../../../services/format';
import { go } from '../../../services/nav';
import { ROUTES } from '../../../services/routes';
import '../../../components/volunteering/volunteering.scss';

const distance = (m: number) => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);

/**
 * 工单调度 (dispatchers): the queue (unrouted, transferred, reopened), dispatch to a department or
 * one of its handlers, mark a duplicate of a nearby open report, reject, and the overdue board.
 */
export default function DispatchPage() {
  const q = useStaffQueue('dispatch');
  const c = useDispatchChoices();
  const { dept, handler } = c;
  const items = q.list.data?.items ?? [];
  const handlerOptions = [{ key: '', label: '不指定（部门内人员签收）' }, ...c.handlerList.map((h) => ({ key: h.id, label: `${h.name}（在办 ${h.openTasks} 件）` }))];
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
        <Picker mode="selector" range={c.deptList.map((d) => d.name)} onChange={(e) => c.setDeptIndex(Number(e.detail.value))}>
          <View className="row" id="dispatch-department">
            <Text className="row__label">派遣部门</Text>
            <Text id="dispatch-department-value">{dept?.name ?? '暂无部门'} ▾</Text>
          </View>
        </Picker>
        {dept ? <SelectField id="dispatch-handler" label="指定处置人员（可选）" options={handlerOptions} value={handler?.id ?? ''} onChange={(k) => c.setHandlerId(k || null)} /> : null}
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
                <KeyedButton id={`dispatch-${r.id}-go`} className="btn btn--primary" onClick={() => void q.act(r.id, 'dispatch', { departmentId: dept.id, handlerId: handler?.id })}>
                  {handler ? `派遣给${dept.name} · ${handler.name}` : `派遣至${dept.name}`}
                </KeyedButton>
              ) : null}
              {r.abilities.accept ? <Button id={`dispatch-${r.id}-accept`} className="btn btn--plain" onClick={() => void q.act(r.id, 'accept')}>受理</Button> : null}
              {r.abilities.mark_duplicate ? (
                <KeyedButton id={`dispatch-${r.id}-duplicate`} className="btn btn--plain" onClick={() => c.toggleDuplicates(r.id)}>
                  {c.dupFor === r.id ? '收起重复候选' : '标记重复'}
                </KeyedButton>
              ) : null}
              {r.abilities.reject ? <Button id={`dispatch-${r.id}-reject`} className="btn btn--plain" onClick={() => void q.act(r.id, 'reject')}>不予受理</Button> : null}
              {r.abilities.close_not_fixed ? <Button id={`dispatch-${r.id}-close`} className="btn btn--plain" onClick={() => void q.act(r.id, 'close_not_fixed')}>办结（未解决）</Button> : null}
              {r.abilities.reopen ? <Button id={`dispatch-${r.id}-reopen`} className="btn btn--plain" onClick={() => void q.act(r.id, 'reopen')}>重新打开</Button> : null}
            </View>
            {c.dupFor === r.id ? (
              <View className="field" id={`dispatch-${r.id}-candidates`}>
                <Text className="field__label">附近 {c.candidates?.radiusM ?? ''} 米内同类未办结工单：选择原工单</Text>
                {c.candidatesLoading && !c.candidates ? <Text className="muted">加载中…</Text> : null}
                <Notice message={c.candidatesError} />
                {c.candidates && c.candidates.items.length === 0 ? <Text className="muted" id={`dispatch-${r.id}-candidates-none`}>附近没有同类未办结工单</Text> : null}
                {(c.candidates?.items ?? []).map((o) => (
                  <View key={o.id} className="v-item" id={`dispatch-${r.id}-candidate-${o.id}`}>
                    <Text className="v-item__meta">{o.description}</Text>
                    <Text className="v-item__meta">
                      {o.address} · 相距 {distance(o.distanceM)} · {formatTime(o.createdAt)}
                    </Text>
                    <Button id={`dispatch-${r.id}-dup-of-${o.id}`} className="btn btn--plain" onClick={() => void q.act(r.id, 'mark_duplicate', { duplicateOfId: o.id })}>
                      是此工单的重复
                    </Button>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
