import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface Props {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}

/**
 * What every form field shares: its label above, its control, and the server's or the shared
 * schema's message under it as `#<id>-error` (the hook browser tests read).
 */
export function FieldShell({ id, label, error, children }: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">{label}</Text>
      {children}
      {error ? (
        <Text className="field-error" id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
