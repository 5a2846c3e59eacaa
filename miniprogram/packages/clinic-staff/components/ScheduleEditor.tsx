import { Button, Picker, Text, View } from '@tarojs/components';
import { CONSULT_MODES, CONSULT_MODE_LABELS } from '@shared/schemas/clinic/clinics';
import type { TAvailabilityException, TAvailabilityRule, TScheduleInput } from '@shared/schemas/clinic/providers';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EXCEPTION_KINDS = [
  { kind: 'off', label: '请假（不接待）' },
  { kind: 'extra', label: '加开时段' },
] as const;
export const blankRule = (): TAvailabilityRule => ({ weekday: 1, start: '09:00', end: '12:00' });
export const blankException = (): TAvailabilityException => ({ date: todayShanghai(), kind: 'off' });

interface Props {
  draft: TScheduleInput;
  setDraft: (d: TScheduleInput) => void;
  errors: Record<string, string>;
  saving: boolean;
  saved: string | null;
  onSave: () => void;
}

/** Numbers as typed: an emptied field stays empty (NaN fails the schema with its own message). */
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n));

/**
 * One provider's availability: slot length, buffers before and after, notice, daily cap, modes,
 * weekly rules and date exceptions (leave, extra sessions). Server field errors land per field.
 */
export function ScheduleEditor({ draft: d, setDraft, errors, saving, saved, onSave }: Props) {
  const set = (patch: Partial<TScheduleInput>) => setDraft({ ...d, ...patch });
  const setRule = (i: number, patch: Partial<TAvailabilityRule>) =>
    set({ rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setException = (i: number, patch: Partial<TAvailabilityException>) =>
    set({ exceptions: d.exceptions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const numberField = (key: 'slotMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minNoticeHours' | 'maxPerDay', id: string, label: string) => (
    <FormField
      id={id}
      label={label}
      type="number"
      value={shown(d[key])}
      error={errors[key]}
      onChange={(v) => set({ [key]: num(v) })}
    />
  );
  const modes = d.modes ?? [];
  return (
    <View className="card" id="schedule-editor">
      <Text className="card__title">排班</Text>
      {numberField('slotMinutes', 'schedule-slot', '每次时长（分钟）')}
      {numberField('bufferBeforeMinutes', 'schedule-buffer-before', '咨询前缓冲（分钟）')}
      {numberField('bufferAfterMinutes', 'schedule-buffer', '咨询后缓冲（分钟）')}
      {numberField('minNoticeHours', 'schedule-notice', '最短提前预约（小时）')}
      {numberField('maxPerDay', 'schedule-cap', '每日上限（次）')}
      <Text className="field__label">咨询方式</Text>
      <View className="v-chips" id="schedule-modes">
        {CONSULT_MODES.map((m) => (
          <Text
            key={m}
            id={`schedule-mode-${m}`}
            className={`v-chip ${modes.includes(m) ? 'v-chip--on' : ''}`}
            onClick={() => set({ modes: modes.includes(m) ? modes.filter((x) => x !== m) : [...modes, m] })}
          >
            {CONSULT_MODE_LABELS[m]}
          </Text>
        ))}
      </View>
      {errors.modes ? <Notice message={errors.modes} id="schedule-modes-error" /> : null}
      <Text className="card__title">每周规则</Text>
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
          <PickerField id={`rule-${i}-start`} label="开始" mode="time" value={r.start} error={errors[`rules.${i}.start`]} onChange={(v) => setRule(i, { start: v })} />
          <PickerField id={`rule-${i}-end`} label="结束" mode="time" value={r.end} error={errors[`rules.${i}.end`]} onChange={(v) => setRule(i, { end: v })} />
          <Button className="btn btn--plain" id={`rule-${i}-remove`} onClick={() => set({ rules: d.rules.filter((_, j) => j !== i) })}>
            删除此规则
          </Button>
        </View>
      ))}
      <Button id="schedule-add-rule" className="btn btn--plain" onClick={() => set({ rules: [...d.rules, blankRule()] })}>
        添加每周规则
      </Button>
      <Text className="card__title">例外日期（请假、加开）</Text>
      {d.exceptions.map((x, i) => (
        <View key={i} className="v-item" id={`exception-${i}`}>
          <PickerField
            id={`exception-${i}-date`}
            label="日期"
            mode="date"
            start={todayShanghai()}
            value={x.date}
            error={errors[`exceptions.${i}.date`]}
            onChange={(v) => setException(i, { date: v })}
          />
          <View className="v-chips">
            {EXCEPTION_KINDS.map((k) => (
              <Text
                key={k.kind}
                id={`exception-${i}-${k.kind}`}
                className={`v-chip ${x.kind === k.kind ? 'v-chip--on' : ''}`}
                onClick={() =>
                  setException(i, k.kind === 'extra' ? { kind: 'extra', start: x.start ?? '18:00', end: x.end ?? '19:00' } : { kind: 'off' })
                }
              >
                {k.label}
              </Text>
            ))}
          </View>
          {x.kind === 'off' && !x.start ? <Text className="muted">全天请假；只请部分时间请设置起止时间。</Text> : null}
          <PickerField
            id={`exception-${i}-start`}
            label={x.kind === 'extra' ? '加开开始' : '请假开始（选填）'}
            mode="time"
            value={x.start ?? ''}
            error={errors[`exceptions.${i}.start`]}
            onChange={(v) => setException(i, { start: v })}
          />
          <PickerField
            id={`exception-${i}-end`}
            label={x.kind === 'extra' ? '加开结束' : '请假结束（选填）'}
            mode="time"
            value={x.end ?? ''}
            error={errors[`exceptions.${i}.end`] ?? errors[`exceptions.${i}`]}
            onChange={(v) => setException(i, { end: v })}
          />
          <Button
            className="btn btn--plain"
            id={`exception-${i}-remove`}
            onClick={() => set({ exceptions: d.exceptions.filter((_, j) => j !== i) })}
          >
            删除此例外
          </Button>
        </View>
      ))}
      <Button
        id="schedule-add-exception"
        className="btn btn--plain"
        onClick={() => set({ exceptions: [...d.exceptions, blankException()] })}
      >
        添加例外日期
      </Button>
      <Button id="schedule-save" className="btn btn--primary" loading={saving} onClick={onSave}>
        保存排班
      </Button>
      <Notice type="success" message={saved} id="schedule-saved" />
    </View>
  );
}
