import { Button, Picker, Text, View } from '@tarojs/components';
import { FormField } from '../../../components/FormField';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { TextAreaField } from '../../../components/TextAreaField';
import { useCaseManage } from '../../../hooks/clinic/useStaffClinic';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import type { TMediator } from '../../../services/clinic';

interface Props {
  caseId: string;
  mediator: { id: string; name: string } | null;
  mediators: TMediator[];
  after: () => Promise<void>;
}

/** 指派调解员 and 安排调解 for one open case (sessions notify the parties who have accounts). */
export function CaseManage({ caseId, mediator, mediators, after }: Props) {
  const m = useCaseManage(caseId, mediators, after);
  const s = m.session;
  const key = `case-${caseId}`;
  return (
    <View className="v-actions" id={`${key}-manage`}>
      <Picker mode="selector" range={mediators.map((x) => `${x.name}（在办 ${x.activeCases} 件）`)} onChange={(e) => m.assign(Number(e.detail.value))}>
        <View className="row" id={`${key}-mediator`}>
          <Text className="row__label">调解员</Text>
          <Text id={`${key}-mediator-value`}>{mediator ? mediator.name : '指派调解员'} ▾</Text>
        </View>
      </Picker>
      {mediators.length === 0 ? <Text className="muted">暂无可指派的调解员</Text> : null}
      <Notice message={m.action.error} id={`${key}-manage-error`} />
      <Text className="field__label">安排调解</Text>
      <PickerField id={`${key}-session-day`} label="日期" mode="date" start={todayShanghai()} value={m.day} onChange={m.pickDay} />
      <PickerField
        id={`${key}-session-time`}
        label="时间"
        mode="time"
        value={m.time}
        error={s.errors.at}
        onChange={m.pickTime}
      />
      <FormField
        id={`${key}-session-place`}
        label="地点"
        value={s.values.place}
        error={s.errors.place}
        maxlength={100}
        onChange={(v) => s.setField('place', v)}
      />
      <TextAreaField
        id={`${key}-session-note`}
        label="说明（选填）"
        value={s.values.note ?? ''}
        error={s.errors.note}
        maxlength={1000}
        onChange={(v) => s.setField('note', v)}
      />
      <Notice message={s.formError} id={`${key}-session-error`} />
      <Button id={`${key}-session-submit`} className="btn btn--plain" loading={s.submitting} onClick={() => void s.submit()}>
        安排调解并通知当事人
      </Button>
    </View>
  );
}
