import { Input } from '@tarojs/components';
import { FieldShell } from './FieldShell';
import type { InputProps } from '@tarojs/components';

export interface TFormFieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  password?: boolean;
  type?: InputProps['type'];
  maxlength?: number;
  onChange: (value: string) => void;
}

/** Labelled input with its `.field-error` line; the id is the hook for browser tests. */
export function FormField({ id, label, value, error, placeholder, password, type, maxlength, onChange }: TFormFieldProps) {
  return (
    <FieldShell id={id} label={label} error={error}>
      <Input
        id={id}
        className="field__input"
        value={value}
        placeholder={placeholder}
        password={password}
        type={type ?? 'text'}
        maxlength={maxlength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
      />
    </FieldShell>
  );
}
