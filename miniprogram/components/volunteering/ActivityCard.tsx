import { Text, View } from '@tarojs/components';
import type { TActivitySummaryDto } from '@shared/schemas/volunteering/activities';
import { categoryLabel, formatDistance, formatRange } from '../../hooks/volunteering/labels';

interface Props {
  activity: TActivitySummaryDto;
  onOpen: (id: string) => void;
}

export function ActivityCard({ activity: a, onOpen }: Props) {
  return (
    <View className="card v-item activity-card" id={`activity-${a.id}`} onClick={() => onOpen(a.id)}>
      <Text className="v-item__title">{a.title}</Text>
      <Text className="v-item__meta">{formatRange(a.startsAt, a.endsAt)}</Text>
      <Text className="v-item__meta">
        {a.address}
        {a.distanceM !== undefined ? ` · ${formatDistance(a.distanceM)}` : ''}
      </Text>
      <View>
        <Text className="v-badge">{categoryLabel(a.category)}</Text>
        <Text className="v-badge">{a.teamName}</Text>
        {a.status !== 'published' ? (
          <Text className="v-badge v-badge--warn">{a.status === 'cancelled' ? '已取消' : '已结束'}</Text>
        ) : (
          <Text className={`v-badge${a.remaining > 0 ? '' : ' v-badge--warn'}`}>
            {a.remaining > 0 ? `余 ${a.remaining} 个名额` : '已满，可候补'}
          </Text>
        )}
      </View>
    </View>
  );
}
