import { Textarea } from '@tarojs/components';
import { FieldShell } from './FieldShell';

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
    <FieldShell id={id} label={label} error={error}>
      <Textarea
        id={id}
        className="field__input"
        style={{ height: `${height}rpx` }}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
    </FieldShell>
  );
}
