import { Button, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSULT_OUTCOMES, CONSULT_OUTCOME_LABELS, type TConsultOutcome } from '@shared/schemas/clinic/bookings';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { useAgenda, useRecordForm } from '../../../hooks/clinic/useStaffClinic';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { clinicApi, type TStaffBookingView } from '../../../services/clinic';
import { formatTime } from '../../../services/format';
import { StaffBookingActions } from '../components/StaffBookingActions';
import '../../../components/volunteering/volunteering.scss';

function RecordForm({ booking, done }: { booking: TStaffBookingView; done: () => Promise<void> }) {
  const f = useRecordForm(booking.id, done);
  return (
    <View className="v-actions" id={`record-${booking.id}`}>
      <TextAreaField
        id={`record-${booking.id}-notes`}
        label="咨询记录（仅本人、指导律师、协调员可见）"
        value={f.values.notes}
        error={f.errors.notes}
        maxlength={5000}
        onChange={(v) => f.setField('notes', v)}
      />
      <TextAreaField
        id={`record-${booking.id}-summary`}
        label="给居民的意见摘要"
        value={f.values.summary}
        error={f.errors.summary}
        maxlength={2000}
        onChange={(v) => f.setField('summary', v)}
      />
      <Picker
        mode="selector"
        range={CONSULT_OUTCOMES.map((o) => CONSULT_OUTCOME_LABELS[o])}
        onChange={(e) => f.setField('outcome', CONSULT_OUTCOMES[Number(e.detail.value)])}
      >
        <View className="row" id={`record-${booking.id}-outcome`}>
          <Text className="row__label">咨询结果</Text>
          <Text id={`record-${booking.id}-outcome-value`}>
            {CONSULT_OUTCOME_LABELS[f.values.outcome as TConsultOutcome]} ▾
          </Text>
        </View>
      </Picker>
      <Notice message={f.formError} id={`record-${booking.id}-error`} />
      <Button
        id={`record-${booking.id}-submit`}
        className="btn btn--primary"
        loading={f.submitting}
        onClick={() => void f.submit()}
      >
        保存记录
      </Button>
    </View>
  );
}

/** The lawyer's or student's agenda: confirm or decline, record; the supervisor's sign-off queue. */
export default function ClinicAgendaPage() {
  const guard = useStaffGuard();
  const a = useAgenda();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  if (!guard.allowed) return <PageShell title="咨询日程">{null}</PageShell>;
  const reload = async () => {
    setOpen(null);
    await Promise.all([a.agenda.reload(), a.signOffs.reload()]);
  };
  return (
    <PageShell title="咨询日程">
      <View className="card">
        <PickerField id="agenda-from" label="日期" mode="date" value={a.from} onChange={a.setFrom} />
        <View className="v-chips">
          <Text id="agenda-day" className={`v-chip ${a.days === 1 ? 'v-chip--on' : ''}`} onClick={() => a.setDays(1)}>
            当天
          </Text>
          <Text id="agenda-week" className={`v-chip ${a.days === 7 ? 'v-chip--on' : ''}`} onClick={() => a.setDays(7)}>
            一周
          </Text>
        </View>
      </View>
      <Notice message={a.action.error ?? a.agenda.error} id="agenda-error" />
      <View id="agenda-list">
        {(a.agenda.data?.items ?? []).map((b) => (
          <View key={b.id} className="card v-item" id={`agenda-${b.id}`}>
            <Text className="v-item__title">
              {formatTime(b.startsAt)} · {b.topicLabel} · {b.provider.name}
            </Text>
            <Text className="v-item__meta">
              {b.client.name} {b.client.phone} · {b.statusLabel}
            </Text>
            <Text className="v-item__meta">{b.description}</Text>
            {b.opposingParty ? <Text className="v-item__meta">对方当事人：{b.opposingParty.name}</Text> : null}
            {b.conflictFlag === 'name_only' ? (
              <Text className="v-badge v-badge--warn">对方姓名与您以往的咨询人相同，请确认是否回避</Text>
            ) : null}
            {b.record ? (
              <Text className="v-item__meta">
                记录：{b.record.status === 'published' ? '已发布' : '待指导律师签发'}
              </Text>
            ) : null}
            {b.abilities.confirm ? (
              <Button
                id={`agenda-${b.id}-confirm`}
                className="btn btn--primary"
                loading={a.action.busy === `confirm-${b.id}`}
                onClick={() => void a.action.run(`confirm-${b.id}`, () => clinicApi.act(b.id, 'confirm'))}
              >
                确认预约
              </Button>
            ) : null}
            {b.abilities.decline ? (
              <View className="v-actions">
                <FormField
                  id={`agenda-${b.id}-reason`}
                  label="婉拒原因"
                  value={reason}
                  maxlength={200}
                  onChange={setReason}
                />
                <Button
                  id={`agenda-${b.id}-decline`}
                  className="btn btn--plain"
                  onClick={() => void a.action.run(`decline-${b.id}`, () => clinicApi.act(b.id, 'decline', { reason }))}
                >
                  婉拒
                </Button>
              </View>
            ) : null}
            <StaffBookingActions booking={b} action={a.action} sides={['resident']} />
            {b.abilities.record ? (
              open === b.id ? (
                <RecordForm booking={b} done={reload} />
              ) : (
                <Button id={`agenda-${b.id}-record`} className="btn btn--plain" onClick={() => setOpen(b.id)}>
                  填写咨询记录
                </Button>
              )
            ) : null}
          </View>
        ))}
      </View>
      <Text className="card__title">待我签发的实习生记录</Text>
      <View id="signoff-list">
        {(a.signOffs.data?.items ?? []).map((b) => (
          <View key={b.id} className="card v-item" id={`signoff-${b.id}`}>
            <Text className="v-item__title">
              {formatTime(b.startsAt)} · {b.provider.name}
            </Text>
            <Text className="v-item__meta">记录：{b.record?.notes}</Text>
            <Text>摘要：{b.record?.summary}</Text>
            <Button
              id={`signoff-${b.id}-approve`}
              className="btn btn--primary"
              onClick={() => void a.action.run(`signoff-${b.id}`, () => clinicApi.act(b.id, 'sign-off'))}
            >
              签发
            </Button>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
