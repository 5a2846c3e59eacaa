import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { THoursStatus } from '@shared/schemas/volunteering/hours';
import { PageShell } from '../../../components/PageShell';
import { Notice } from '../../../components/Notice';
import { EmptyState } from '../../../components/EmptyState';
import { FormField } from '../../../components/FormField';
import { useTeamAdmin } from '../../../hooks/volunteering/useTeamAdmin';
import { useTeamHours } from '../../../hooks/volunteering/useTeamHours';
import { HOURS_SOURCE_LABELS, HOURS_STATUS_LABELS, formatMinutes } from '../../../hooks/volunteering/labels';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

const STATUSES: THoursStatus[] = ['pending', 'confirmed', 'rejected'];

export default function TeamHoursPage() {
  const params = useRouter().params;
  const t = useTeamAdmin(params.team);
  const h = useTeamHours(t.teamId, params.activity, t.allowed);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('');
  if (!t.allowed)
    return (
      <PageShell title="时长确认">
        <Notice message={t.user ? '仅团队管理员可以确认时长。' : null} id="hours-forbidden" />
      </PageShell>
    );
  const items = h.list.data?.items ?? [];
  const totals = h.list.data?.totals;
  return (
    <PageShell title="服务时长确认">
      {totals ? (
        <Text className="muted" id="team-hours-totals">
          团队已确认 {totals.confirmedHours} 小时，待确认 {formatMinutes(totals.pendingMinutes)}
        </Text>
      ) : null}
      <View className="v-chips">
        {STATUSES.map((s) => (
          <Text
            key={s}
            id={`hours-status-${s}`}
            className={`v-chip${h.status === s ? ' v-chip--on' : ''}`}
            onClick={() => h.changeStatus(s)}
          >
            {HOURS_STATUS_LABELS[s]}
          </Text>
        ))}
      </View>
      <Notice message={h.list.error ?? h.action.error} id="hours-error" />
      <Notice type="success" message={h.action.success} id="hours-success" />
      {!h.list.loading && items.length === 0 ? <EmptyState title="没有记录" /> : null}
      <View id="hours-entries">
        {items.map((e) => {
          const on = h.selected.includes(e.id);
          return (
            <View
              key={e.id}
              className={`card v-item hours-entry${on ? ' hours-entry--selected' : ''}`}
              id={`hours-entry-${e.id}`}
              data-status={e.status}
              data-user={e.userId}
            >
              <Text className="v-item__title">
                {e.volunteerName} · {formatMinutes(e.minutes)}
              </Text>
              <Text className="v-item__meta">
                {e.activityTitle} · {formatTime(e.serviceDate)} · {HOURS_SOURCE_LABELS[e.source] ?? e.source}
                {e.autoCheckedOut ? ' · 自动签退' : ''}
              </Text>
              {e.reason ? <Text className="v-item__meta">原因：{e.reason}</Text> : null}
              {e.status === 'pending' ? (
                <Text
                  id={`hours-entry-${e.id}-select`}
                  className={`v-chip${on ? ' v-chip--on' : ''}`}
                  onClick={() => h.toggle(e.id)}
                >
                  {on ? '已选择' : '选择'}
                </Text>
              ) : null}
              {e.status === 'confirmed' && e.source !== 'adjustment' ? (
                <Text
                  id={`hours-entry-${e.id}-adjust`}
                  className="v-chip"
                  onClick={() => h.setAdjusting(h.adjusting === e.id ? null : e.id)}
                >
                  {h.adjusting === e.id ? '取消调整' : '调整时长'}
                </Text>
              ) : null}
            </View>
          );
        })}
      </View>
      <FormField
        id="hours-reason"
        label="原因（驳回或调整时必填）"
        value={reason}
        maxlength={200}
        onChange={setReason}
      />
      {h.status === 'pending' ? (
        <View className="v-actions">
          <Button id="hours-select-all" className="btn btn--plain" onClick={h.selectAll}>
            全选
          </Button>
          <Button
            id="hours-confirm"
            className="btn btn--primary"
            loading={h.action.busy === 'confirm'}
            onClick={() => void h.confirm()}
          >
            确认所选（{h.selected.length}）
          </Button>
          <Button
            id="hours-reject"
            className="btn btn--danger"
            loading={h.action.busy === 'reject'}
            onClick={() => void h.reject(reason)}
          >
            驳回所选
          </Button>
        </View>
      ) : null}
      {h.adjusting ? (
        <View className="card" id="hours-adjust">
          <FormField
            id="hours-adjust-minutes"
            label="调整后的总时长（分钟）"
            type="number"
            value={minutes}
            maxlength={4}
            onChange={setMinutes}
          />
          <Button
            id="hours-adjust-submit"
            className="btn btn--primary"
            loading={h.action.busy === 'adjust'}
            onClick={() => void h.adjust(minutes, reason)}
          >
            保存调整
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
