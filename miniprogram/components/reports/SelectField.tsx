import { Picker, Text, View } from '@tarojs/components';
import { FieldShell } from '../FieldShell';

interface Props<K extends string> {
  id: string;
  label: string;
  options: readonly { key: K; label: string }[];
  value: K | null;
  error?: string;
  placeholder?: string;
  onChange: (key: K) => void;
}

/**
 * A labelled choice from a fixed list (the platform's selector wheel): the shown value is
 * `#<id>-value`, the error `#<id>-error`, like PickerField's date and time.
 */
export function SelectField<K extends string>({ id, label, options, value, error, placeholder, onChange }: Props<K>) {
  const index = options.findIndex((o) => o.key === value);
  return (
    <FieldShell id={id} label={label} error={error}>
      <Picker id={id} mode="selector" range={options.map((o) => o.label)} value={Math.max(0, index)} onChange={(e) => {
        const picked = options[Number(e.detail.value)];
        if (picked) onChange(picked.key);
      }}>
        <View className="field__input picker-field__value" id={`${id}-value`}>
          {index >= 0 ? <Text>{options[index].label}</Text> : <Text className="muted">{placeholder ?? '请选择'}</Text>}
        </View>
      </Picker>
    </FieldShell>
  );
}
