import { Picker, Text, View } from '@tarojs/components';
import { FieldShell } from './FieldShell';

interface Props {
  id: string;
  label: string;
  mode: 'date' | 'time';
  /** YYYY-MM-DD or HH:MM; empty shows the placeholder. */
  value: string;
  error?: string;
  placeholder?: string;
  /** Earliest and latest selectable values (date: YYYY-MM-DD). */
  start?: string;
  end?: string;
  onChange: (value: string) => void;
}

/**
 * A labelled date or time picker (WeChat's own wheel on weapp, Taro's on H5): dates and
 * times are picked, never typed, so "25:99" cannot be entered at all.
 */
export function PickerField({ id, label, mode, value, error, placeholder, start, end, onChange }: Props) {
  return (
    <FieldShell id={id} label={label} error={error}>
      <Picker id={id} mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="field__input picker-field__value" id={`${id}-value`}>
          {value ? <Text>{value}</Text> : <Text className="muted">{placeholder ?? '请选择'}</Text>}
        </View>
      </Picker>
    </FieldShell>
  );
}
