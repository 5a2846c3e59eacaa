import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { EmptyState } from '../../components/EmptyState';
import { ROUTES, go } from '../../services/nav';

// community (issue 14): everyday information reachable from 办事.
const COMMUNITY_SERVICES = [
  { key: 'notices', title: '社区公告', url: ROUTES.notices },
  { key: 'nearby', title: '15 分钟生活圈', url: ROUTES.nearby },
  { key: 'laws', title: '法规库', url: ROUTES.laws },
];

/** 办事 tab: legal consultations, issue reports and donations will be listed here as they open. */
export default function ServicesPage() {
  return (
    <PageShell title="办事">
      {COMMUNITY_SERVICES.map((e) => (
        <View key={e.key} id={`services-${e.key}`} className="card v-item" onClick={() => go(e.url)}>
          <Text>{e.title}</Text>
          <Text className="link">›</Text>
        </View>
      ))}
      <View className="card" id="services-empty">
        <EmptyState
          title="暂无办理中的事项"
          description="法律咨询预约、随手拍上报和公益捐赠即将开放，开放后您的办理记录会显示在这里。"
        />
      </View>
    </PageShell>
  );
}
