import { Text, Textarea, View } from '@tarojs/components';

interface Props {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  maxlength: number;
  /** Box height in rpx. */
  height?: number;
  onChange: (value: string) => void;
}

/** Multi-line twin of FormField: label, textarea (the id is the test hook) and its `.field-error` line. */
export function TextAreaField({ id, label, value, error, placeholder, maxlength, height = 200, onChange }: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">{label}</Text>
      <Textarea
        id={id}
        className="field__input"
        style={{ height: `${height}rpx` }}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? (
        <Text className="field-error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
