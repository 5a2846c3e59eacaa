import { Button, Text, View } from '@tarojs/components';
import type { TOut } from '@shared/schemas/common';
import type { ZSlotList } from '@shared/schemas/clinic/bookings';
import { Notice } from '../../../components/Notice';
import { PickerField } from '../../../components/PickerField';
import { todayShanghai } from '../../../hooks/volunteering/activity-form';
import { SLOT_WEEK_DAYS } from '../../../services/clinic';

type TSlots = TOut<typeof ZSlotList>;
export type TSlotView = TSlots['items'][number];

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** HH:MM in Beijing time (slots are generated in Asia/Shanghai). */
export const hhmm = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

interface Props {
  /** Prefix of the element ids (`<idPrefix>-<day>-<HHMM>`), so two pickers never collide. */
  idPrefix: string;
  /** First day shown (YYYY-MM-DD); a date picker and 上一周/下一周 move it. */
  from: string;
  setFrom: (day: string) => void;
  slots: TSlots | null;
  loading: boolean;
  chosen: { providerId: string; startsAt: string };
  onPick: (s: TSlotView) => void;
  /** When given, full days are listed with 登记候补 (the booking page; rescheduling has no waitlist). */
  onWait?: (day: string) => void;
  waitDay?: string | null;
  error?: string;
}

/** Free slots by day as chips (provider and time); full days offer the waitlist. */
export function SlotPicker({ idPrefix, from, setFrom, slots, loading, chosen, onPick, onWait, waitDay, error }: Props) {
  const items = slots?.items ?? [];
  const days = [...new Set(items.map((s) => s.day))];
  const full = onWait ? (slots?.fullDays ?? []) : [];
  const today = todayShanghai();
  return (
    <View id={`${idPrefix}-slots`}>
      <PickerField id={`${idPrefix}-from`} label="从哪天起" mode="date" start={today} value={from} onChange={setFrom} />
      <View className="v-chips">
        <Button
          id={`${idPrefix}-prev-week`}
          className="btn btn--plain"
          disabled={from <= today}
          onClick={() => setFrom(plusDays(from, -SLOT_WEEK_DAYS) < today ? today : plusDays(from, -SLOT_WEEK_DAYS))}
        >
          上一周
        </Button>
        <Button id={`${idPrefix}-next-week`} className="btn btn--plain" onClick={() => setFrom(plusDays(from, SLOT_WEEK_DAYS))}>
          下一周
        </Button>
      </View>
      {days.length === 0 && !loading ? <Text className="muted">所选日期起一周内暂无可预约时段</Text> : null}
      {days.map((day) => (
        <View key={day} className="v-item">
          <Text className="v-item__meta">{day}</Text>
          <View className="v-chips">
            {items
              .filter((s) => s.day === day)
              .map((s) => {
                const on = chosen.providerId === s.providerId && chosen.startsAt === s.startsAt;
                return (
                  <Text
                    key={`${s.providerId}-${s.startsAt}`}
                    id={`${idPrefix}-${s.day}-${hhmm(s.startsAt).replace(':', '')}`}
                    className={`v-chip ${on ? 'v-chip--on' : ''}`}
                    onClick={() => onPick(s)}
                  >
                    {hhmm(s.startsAt)} {s.providerName}
                    {s.needsConflictCheck ? '（需确认回避）' : ''}
                  </Text>
                );
              })}
          </View>
        </View>
      ))}
      {full.length > 0 ? (
        <View className="v-item" id={`${idPrefix}-full`}>
          <Text className="v-item__meta">已约满的日期（可登记候补，有人取消时按顺序为您保留名额）</Text>
          <View className="v-chips">
            {full.map((day) => (
              <Text
                key={day}
                id={`${idPrefix}-full-${day}`}
                className={`v-chip ${waitDay === day ? 'v-chip--on' : ''}`}
                onClick={() => onWait?.(day)}
              >
                {day} 登记候补
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {error ? <Notice message={error} id={`${idPrefix}-slot-error`} /> : null}
    </View>
  );
}
