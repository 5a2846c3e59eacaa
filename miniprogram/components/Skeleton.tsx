import { Text, View } from '@tarojs/components';
import './Skeleton.scss';

interface Props {
  id?: string;
  /** Placeholder cards to show: about one screen's worth. */
  count?: number;
}

/**
 * Grey card shapes while a list's first page loads, so the screen has its layout at once
 * instead of a blank area on a slow network. The text is for screen readers.
 */
export function SkeletonCards({ id, count = 3 }: Props) {
  return (
    <View id={id} className="skeleton" aria-busy="true">
      <Text className="skeleton__label">正在加载…</Text>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className="card skeleton__card">
          <View className="skeleton__bar skeleton__bar--title" />
          <View className="skeleton__bar" />
          <View className="skeleton__bar skeleton__bar--short" />
        </View>
      ))}
    </View>
  );
}
