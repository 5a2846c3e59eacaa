import { Picker, Text, View } from '@tarojs/components';
import type { TOption } from '../../hooks/useScopeOptions';

interface Props {
  id: string;
  label: string;
  options: TOption[] | null;
  loading: boolean;
  value: string | undefined;
  error?: string;
  emptyText: string;
  onChange: (id: string) => void;
}

/** A labelled selector over id/name options (the chosen name at `<id>-value`), with its `.field-error` line. */
export function OptionPicker({ id, label, options, loading, value, error, emptyText, onChange }: Props) {
  const list = options ?? [];
  const index = Math.max(
    0,
    list.findIndex((o) => o.id === value),
  );
  const current = list.find((o) => o.id === value);
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      {list.length ? (
        <Picker
          mode="selector"
          range={list.map((o) => o.name)}
          value={index}
          onChange={(e) => onChange(list[Number(e.detail.value)].id)}
        >
          <View className="row" id={id}>
            <Text className="row__label">{label}</Text>
            {/* `<id>-value`, as every picker: journeys open it and read the choice there (support/pickers.ts). */}
            <Text id={`${id}-value`}>{current ? current.name : '请选择'} ▾</Text>
          </View>
        </Picker>
      ) : (
        <View className="row" id={id}>
          <Text className="row__label">{label}</Text>
          <Text className="muted">{loading ? '加载中…' : emptyText}</Text>
        </View>
      )}
      {error ? (
        <Text className="field-error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
