import { Text, View } from '@tarojs/components';

interface Props {
  message?: string | null;
  type?: 'error' | 'success' | 'info';
  id?: string;
}

/** In-page message area (`.toast`): errors stay visible until the next action, unlike a native toast. */
export function Notice({ message, type = 'error', id }: Props) {
  if (!message) return null;
  return (
    <View className={`toast toast--${type}`} id={id} role={type === 'error' ? 'alert' : 'status'}>
      <Text>{message}</Text>
    </View>
  );
}
