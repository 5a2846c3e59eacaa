import { Button, Picker, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { blankRule, useCoordinator, useCoordinatorClinic } from '../../../hooks/clinic/useStaffClinic';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import { clinicApi } from '../../../services/clinic';
import { formatTime } from '../../../services/format';
import '../../../components/volunteering/volunteering.scss';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The coordinator's clinic: providers (licence check), the availability editor, the bookings. */
export default function ClinicCoordinatorPage() {
  const guard = useStaffGuard('clinic_coordinator');
  const clinicId = useCoordinatorClinic();
  const c = useCoordinator(clinicId);
  if (!guard.allowed || !clinicId) return <PageShell title="诊所管理">{null}</PageShell>;
  const d = c.draft;
  const setRule = (i: number, patch: object) =>
    d && c.setDraft({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <PageShell title="诊所管理">
      <Notice message={c.action.error} id="coord-error" />
      {c.clinic.data ? (
        <View className="card row" id="coord-confirm-mode">
          <Text className="row__label">
            预约确认方式：{c.clinic.data.clinic.autoConfirm ? '自动确认' : '律师确认后生效'}
          </Text>
          <Button
            id="coord-toggle-confirm"
            className="btn btn--plain"
            loading={c.action.busy === 'auto-confirm'}
            onClick={() => void c.setAutoConfirm(!c.clinic.data!.clinic.autoConfirm)}
          >
            {c.clinic.data.clinic.autoConfirm ? '改为律师确认' : '改为自动确认'}
          </Button>
        </View>
      ) : null}
      <Text className="card__title">服务人员</Text>
      <View id="coord-providers">
        {(c.providers.data?.items ?? []).map((p) => (
          <View key={p.id} className="card v-item" id={`provider-${p.id}`}>
            <Text className="v-item__title">
              {p.displayName} · {p.kindLabel}
            </Text>
            {p.kind === 'lawyer' ? (
              <Text className="v-item__meta">
                执业证号 {p.licenceNo} · {p.licenceVerified ? '已核验' : '待核验'}
              </Text>
            ) : (
              <Text className="v-item__meta">指导律师：{p.supervisorName}</Text>
            )}
            {p.kind === 'lawyer' && !p.licenceVerified ? (
              <Button
                id={`provider-${p.id}-verify`}
                className="btn btn--plain"
                onClick={() =>
                  void c.action.run('verify', () => clinicApi.updateProvider(p.id, { licenceVerified: true }))
                }
              >
                核验执业证
              </Button>
            ) : null}
            <Button id={`provider-${p.id}-schedule`} className="btn btn--plain" onClick={() => void c.edit(p.id)}>
              设置排班
            </Button>
          </View>
        ))}
      </View>
      {d ? (
        <View className="card" id="schedule-editor">
          <Text className="card__title">排班</Text>
          <FormField
            id="schedule-slot"
            label="每次时长（分钟）"
            type="number"
            value={String(d.slotMinutes)}
            error={c.fieldErrors.slotMinutes}
            onChange={(v) => c.setDraft({ ...d, slotMinutes: Number(v) || 0 })}
          />
          <FormField
            id="schedule-buffer"
            label="前后缓冲（分钟）"
            type="number"
            value={String(d.bufferAfterMinutes)}
            onChange={(v) => c.setDraft({ ...d, bufferAfterMinutes: Number(v) || 0 })}
          />
          <FormField
            id="schedule-notice"
            label="最短提前预约（小时）"
            type="number"
            value={String(d.minNoticeHours)}
            onChange={(v) => c.setDraft({ ...d, minNoticeHours: Number(v) || 0 })}
          />
          <FormField
            id="schedule-cap"
            label="每日上限（次）"
            type="number"
            value={String(d.maxPerDay)}
            error={c.fieldErrors.maxPerDay}
            onChange={(v) => c.setDraft({ ...d, maxPerDay: Number(v) || 0 })}
          />
          {d.rules.map((r, i) => (
            <View key={i} className="v-item" id={`rule-${i}`}>
              <Picker
                mode="selector"
                range={WEEKDAYS}
                value={r.weekday - 1}
                onChange={(e) => setRule(i, { weekday: Number(e.detail.value) + 1 })}
              >
                <View className="row" id={`rule-${i}-weekday`}>
                  <Text className="row__label">星期</Text>
                  <Text id={`rule-${i}-weekday-value`}>{WEEKDAYS[r.weekday - 1]} ▾</Text>
                </View>
              </Picker>
              <PickerField
                id={`rule-${i}-start`}
                label="开始"
                mode="time"
                value={r.start}
                error={c.fieldErrors[`rules.${i}.start`]}
                onChange={(v) => setRule(i, { start: v })}
              />
              <PickerField
                id={`rule-${i}-end`}
                label="结束"
                mode="time"
                value={r.end}
                error={c.fieldErrors[`rules.${i}.end`]}
                onChange={(v) => setRule(i, { end: v })}
              />
              <Button
                className="btn btn--plain"
                id={`rule-${i}-remove`}
                onClick={() => c.setDraft({ ...d, rules: d.rules.filter((_, j) => j !== i) })}
              >
                删除此规则
              </Button>
            </View>
          ))}
          <Button
            id="schedule-add-rule"
            className="btn btn--plain"
            onClick={() => c.setDraft({ ...d, rules: [...d.rules, blankRule()] })}
          >
            添加每周规则
          </Button>
          <Button
            id="schedule-save"
            className="btn btn--primary"
            loading={c.action.busy === 'save'}
            onClick={() => void c.save()}
          >
            保存排班
          </Button>
          <Notice type="success" message={c.saved} id="schedule-saved" />
        </View>
      ) : null}
      <Text className="card__title">近两周预约</Text>
      <View id="coord-bookings">
        {(c.bookings.data?.items ?? []).map((b) => (
          <View key={b.id} className="card v-item" id={`coord-booking-${b.id}`}>
            <Text className="v-item__title">
              {formatTime(b.startsAt)} · {b.provider.name} · {b.statusLabel}
            </Text>
            <Text className="v-item__meta">
              {b.client.name} · {b.topicLabel}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
