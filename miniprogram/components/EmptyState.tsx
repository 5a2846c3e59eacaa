import { Text, View } from '@tarojs/components';
import './EmptyState.scss';

interface Props {
  title: string;
  description?: string;
}

/** Honest "nothing here yet" block; pages show it instead of placeholder data. */
export function EmptyState({ title, description }: Props) {
  return (
    <View className="empty-state">
      <Text className="empty-state__title">{title}</Text>
      {description ? <Text className="empty-state__desc">{description}</Text> : null}
    </View>
  );
}
