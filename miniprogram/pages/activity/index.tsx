import { View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { EmptyState } from '../../components/EmptyState';

/** 活动 tab. Activity search and sign-up arrive with the volunteering issue; until then say so. */
export default function ActivityPage() {
  return (
    <PageShell title='志愿活动'>
      <View className='card' id='activity-empty'>
        <EmptyState title='暂无可报名的活动' description='志愿活动功能即将开放，届时可在这里查找附近的活动并报名。' />
      </View>
    </PageShell>
  );
}
