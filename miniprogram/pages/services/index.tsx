import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { ROUTES, go } from '../../services/nav';
// reports (issue 12)
import { ServicesReportSection } from '../../components/reports/ServicesReportSection';

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
      {/* volunteering (issue 16): neighbours' help requests, and asking for help */}
      <View className="card" id="services-help">
        <Text className="card__title">邻里互助</Text>
        <Text className="muted">审核通过的求助向大家公开，志愿团队可以认领。</Text>
        <Button id="services-help-public" className="btn btn--primary" onClick={() => go(ROUTES.helpPublic)}>
          大家的求助
        </Button>
        <Button id="services-help-new" className="btn btn--plain" onClick={() => go(ROUTES.help)}>
          我要求助
        </Button>
      </View>
      {/* clinic (issue 11) */}
      <View className="card" id="services-legal">
        <Text className="card__title">法律服务</Text>
        <Text className="muted">预约社区法律诊所的免费咨询，查看咨询意见。</Text>
        <Button id="services-legal-book" className="btn btn--primary" onClick={() => go(ROUTES.clinicList)}>
          预约法律咨询
        </Button>
        <Button id="services-legal-my" className="btn btn--plain" onClick={() => go(ROUTES.clinicMy)}>
          我的法律咨询
        </Button>
      </View>
      {/* reports (issue 12) */}
      <ServicesReportSection />
      {/* donations (issue 13) */}
      <View className="card" id="services-charity">
        <Text className="card__title">公益捐赠</Text>
        <Text className="muted">支持具有公开募捐资格的慈善组织发起的项目，账目公开可查。</Text>
        <Button id="services-charity-projects" className="btn btn--primary" onClick={() => go(ROUTES.charityProjects)}>
          查看公益项目
        </Button>
        <Button id="services-charity-mine" className="btn btn--plain" onClick={() => go(ROUTES.charityMine)}>
          我的捐赠
        </Button>
      </View>
    </PageShell>
  );
}
