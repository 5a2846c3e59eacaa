import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { PageShell } from '../../../components/PageShell';
import { PickerField } from '../../../components/PickerField';
import { SkeletonCards } from '../../../components/Skeleton';
import { useWorkCalendar, weekdayLabel } from '../../../hooks/reports/useWorkCalendar';
import { useStaffGuard } from '../../../hooks/useStaffGuard';
import '../../../components/volunteering/volunteering.scss';

const KINDS = [
  { kind: 'holidays', title: '法定节假日（工作日放假）', hint: '这些日期不计入工作日时限' },
  { kind: 'workdays', title: '调休上班日（周末上班）', hint: '这些周末日期按工作日计时' },
] as const;

/** 工作日历 for categories whose SLA runs on working days (street issues run around the clock). */
export default function ReportCalendarPage() {
  useStaffGuard('district_admin');
  const c = useWorkCalendar();
  const [picked, setPicked] = useState<Record<string, string>>({});
  if (c.loaded.loading && !c.loaded.data) return <PageShell title="工作日历"><SkeletonCards count={2} /></PageShell>;
  return (
    <PageShell title="工作日历">
      <Notice message={c.loaded.error} />
      {KINDS.map(({ kind, title, hint }) => (
        <View key={kind} className="card" id={`calendar-${kind}`}>
          <Text className="card__title">{title}</Text>
          <Text className="v-item__meta">{hint}</Text>
          <PickerField id={`calendar-${kind}-date`} label="选择日期" mode="date" value={picked[kind] ?? ''} error={c.errors[kind]} onChange={(v) => setPicked((p) => ({ ...p, [kind]: v }))} />
          <Button id={`calendar-${kind}-add`} className="btn btn--plain" onClick={() => picked[kind] && c.add(kind, picked[kind])}>
            添加
          </Button>
          <View id={`calendar-${kind}-list`}>
            {c.cal[kind].length === 0 ? <Text className="muted">暂无</Text> : null}
            {c.cal[kind].map((d, i) => (
              <View key={d} className="row" id={`calendar-${kind}-${d}`}>
                <Text className={`row__label${c.errors[`${kind}.${i}`] ? ' field--invalid' : ''}`}>
                  {d}（{weekdayLabel(d)}）
                </Text>
                <Button id={`calendar-${kind}-${d}-remove`} className="btn btn--plain" onClick={() => c.remove(kind, d)}>
                  移除
                </Button>
              </View>
            ))}
          </View>
        </View>
      ))}
      <Notice message={c.action.error} id="calendar-error" />
      <Notice type="success" message={c.action.success} id="calendar-saved" />
      <Button id="calendar-save" key={c.dirty ? 'dirty' : 'clean'} className="btn btn--primary" loading={c.action.busy === 'save'} onClick={() => void c.save()}>
        {c.dirty ? '保存工作日历（有未保存的修改）' : '保存工作日历'}
      </Button>
    </PageShell>
  );
}
