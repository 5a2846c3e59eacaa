import { Picker, Text, View } from '@tarojs/components';
import { FieldShell } from './FieldShell';

interface Props {
  id: string;
  label: string;
  /** YYYY-MM, or '' for the placeholder. */
  value: string;
  error?: string;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** A month picked on the date wheel (fields="month"), never typed; its shown value is `<id>-value`. */
export function MonthField({ id, label, value, error, placeholder = '近 12 个月', onChange }: Props) {
  return (
    <FieldShell id={id} label={label} error={error}>
      <Picker id={id} mode="date" fields="month" value={value} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
        <View className="field__input picker-field__value" id={`${id}-value`}>
          {value ? <Text>{value}</Text> : <Text className="muted">{placeholder}</Text>}
        </View>
      </Picker>
    </FieldShell>
  );
}
